package org.undersigned.account;

import java.time.Instant;
import java.util.UUID;

/** A member of an organisation, as its other members see them. */
public record Member(UUID accountId, String displayName, String email, Role role, Instant since) {}
