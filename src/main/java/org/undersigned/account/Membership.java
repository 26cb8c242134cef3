package org.undersigned.account;

import java.util.UUID;

/** One organisation a person belongs to, with their role there. */
public record Membership(UUID organisationId, String organisationName, Role role, boolean organisationVerified) {}
