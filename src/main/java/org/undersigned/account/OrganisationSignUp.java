package org.undersigned.account;

/**
 * What a person types to register an organisation and its first owner, as typed: the service
 * checks and normalises every field.
 *
 * @param domains email domains separated by commas, spaces or lines
 */
public record OrganisationSignUp(
        String organisationName,
        String country,
        String website,
        String domains,
        String ownerName,
        String ownerEmail,
        String password,
        String passwordRepeat) {}
