package org.undersigned.account;

/**
 * What a person sees when they open an invitation to join an organisation.
 *
 * @param hasAccount whether the invited address already has a confirmed account (then accepting needs
 *     no password)
 */
public record JoinInvitation(String organisationName, String email, Role role, boolean hasAccount) {}
