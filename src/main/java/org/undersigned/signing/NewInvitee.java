package org.undersigned.signing;

import org.jspecify.annotations.Nullable;

/** An invitee as typed or imported, before the rules of {@code base.Text} are applied. */
public record NewInvitee(
        @Nullable String name,
        @Nullable String roleLine,
        @Nullable String organisation,
        @Nullable String email,
        @Nullable String language) {}
