package org.undersigned.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.session.SessionRegistry;
import org.undersigned.EveryPublicMethod;
import org.undersigned.Fixtures;
import org.undersigned.IntegrationTest;
import org.undersigned.base.NotFoundException;
import org.undersigned.base.RefusedException;
import org.undersigned.base.SignedInUser;

/** Administration is only for an administrator who has confirmed the second factor. */
@IntegrationTest
class AdministrationTest {

    @Autowired
    Administration administration;

    @Autowired
    AccountService accounts;

    @Autowired
    OrganisationService organisations;

    @Autowired
    SessionRegistry sessions;

    @Autowired
    JdbcClient jdbc;

    AccountScenarios scenarios;
    UUID admin;
    String adminEmail;

    @BeforeEach
    void setUp() {
        scenarios = new AccountScenarios(accounts, organisations, jdbc);
        adminEmail = Fixtures.uniqueEmail();
        admin = scenarios.administrator(adminEmail);
    }

    @AfterEach
    void signOut() {
        Fixtures.actAsNobody();
    }

    @Test
    void anonymousCallersAreDenied() {
        EveryPublicMethod.actAsAnonymous();
        EveryPublicMethod.refuses(administration, Administration.class, AccessDeniedException.class);
    }

    @Test
    void signedInPeopleWhoAreNotAdministratorsAreDenied() {
        AccountScenarios.Registered org = scenarios.organisation();
        org.actAsOwner();
        EveryPublicMethod.refuses(administration, Administration.class, AccessDeniedException.class);
    }

    @Test
    void anAdministratorWithoutTheSecondFactorIsDenied() {
        Fixtures.actAs(admin, adminEmail, true, false);
        EveryPublicMethod.refuses(administration, Administration.class, AccessDeniedException.class);
    }

    @Test
    void aConfirmedAdministratorSeesEveryOrganisationAndAccount() {
        AccountScenarios.Registered org = scenarios.organisation();
        UUID member = scenarios.newMember(org, Role.MEMBER);
        Fixtures.actAs(admin, adminEmail, true, true);

        assertThat(administration.organisations())
                .filteredOn(o -> o.id().equals(org.organisationId()))
                .singleElement()
                .satisfies(o -> {
                    assertThat(o.name()).isEqualTo(org.organisationName());
                    assertThat(o.domains()).isEqualTo("example.org");
                    assertThat(o.members()).isEqualTo(2);
                    assertThat(o.verified()).isFalse();
                });
        assertThat(administration.accounts()).extracting(Account::id).contains(org.ownerId(), member, admin);
    }

    @Test
    void verifyingAnOrganisationShowsTheBadgeToItsMembersAndCanBeUndone() {
        AccountScenarios.Registered org = scenarios.organisation();
        Fixtures.actAs(admin, adminEmail, true, true);

        administration.setVerified(org.organisationId(), true);

        assertThat(scenarios.count(
                        "SELECT count(*) FROM organisation WHERE id = ? AND verified_at IS NOT NULL AND verified_by = ?",
                        org.organisationId(),
                        admin))
                .isOne();
        org.actAsOwner();
        assertThat(organisations.get(org.organisationId()).verified()).isTrue();
        assertThat(organisations.myOrganisations())
                .singleElement()
                .satisfies(m -> assertThat(m.organisationVerified()).isTrue());

        Fixtures.actAs(admin, adminEmail, true, true);
        administration.setVerified(org.organisationId(), false);

        assertThat(scenarios.count(
                        "SELECT count(*) FROM organisation WHERE id = ? AND verified_at IS NULL AND verified_by IS NULL",
                        org.organisationId()))
                .isOne();
        org.actAsOwner();
        assertThat(organisations.get(org.organisationId()).verified()).isFalse();
    }

    @Test
    void verifyingAnUnknownOrganisationIsNotFound() {
        Fixtures.actAs(admin, adminEmail, true, true);
        assertThatThrownBy(() -> administration.setVerified(UUID.randomUUID(), true))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void disablingAnAccountEndsItsSessionsAndCanBeUndone() {
        AccountScenarios.Registered org = scenarios.organisation();
        String sessionId = "session-" + UUID.randomUUID();
        sessions.registerNewSession(sessionId, new SignedInUser(org.ownerId(), org.ownerEmail(), "Jane Doe", false));
        Fixtures.actAs(admin, adminEmail, true, true);

        administration.setDisabled(org.ownerId(), true);

        assertThat(disabled(org.ownerId())).isTrue();
        assertThat(sessions.getSessionInformation(sessionId).isExpired()).isTrue();
        sessions.removeSessionInformation(sessionId);

        administration.setDisabled(org.ownerId(), false);
        assertThat(disabled(org.ownerId())).isFalse();
    }

    @Test
    void anAdministratorCannotDisableThemselves() {
        Fixtures.actAs(admin, adminEmail, true, true);

        assertThatThrownBy(() -> administration.setDisabled(admin, true)).isInstanceOf(RefusedException.class);

        assertThat(disabled(admin)).isFalse();
    }

    @Test
    void disablingAnUnknownAccountIsNotFound() {
        Fixtures.actAs(admin, adminEmail, true, true);
        assertThatThrownBy(() -> administration.setDisabled(UUID.randomUUID(), true))
                .isInstanceOf(NotFoundException.class);
    }

    boolean disabled(UUID accountId) {
        return scenarios.count("SELECT count(*) FROM account WHERE id = ? AND disabled_at IS NOT NULL", accountId) == 1;
    }
}
