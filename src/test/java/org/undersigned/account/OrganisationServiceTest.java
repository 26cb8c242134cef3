package org.undersigned.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.undersigned.Fixtures;
import org.undersigned.IntegrationTest;
import org.undersigned.base.NotFoundException;
import org.undersigned.base.RefusedException;

/** Who may see and change which organisation, checked on the service itself. */
@IntegrationTest
class OrganisationServiceTest {

    @Autowired
    AccountService accounts;

    @Autowired
    OrganisationService organisations;

    @Autowired
    JdbcClient jdbc;

    AccountScenarios scenarios;
    AccountScenarios.Registered a;
    AccountScenarios.Registered b;

    @BeforeEach
    void twoOrganisations() {
        scenarios = new AccountScenarios(accounts, organisations, jdbc);
        a = scenarios.organisation();
        b = scenarios.organisation();
    }

    @AfterEach
    void signOut() {
        Fixtures.actAsNobody();
    }

    @Test
    void aMemberSeesTheirOwnOrganisationAndItsMembers() {
        UUID member = scenarios.newMember(a, Role.MEMBER);
        Fixtures.actAs(member, "member@example.org", false, false);

        assertThat(organisations.get(a.organisationId()).name()).isEqualTo(a.organisationName());
        assertThat(organisations.members(a.organisationId()))
                .extracting(Member::accountId, Member::role)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(a.ownerId(), Role.OWNER),
                        org.assertj.core.groups.Tuple.tuple(member, Role.MEMBER));
        assertThat(organisations.myOrganisations())
                .extracting(Membership::organisationId)
                .containsExactly(a.organisationId());
        assertThat(organisations.isOwner(a.organisationId())).isFalse();
    }

    /** "Not found", not "forbidden": a stranger cannot even learn that the organisation exists. */
    @Test
    void anOwnerOfOneOrganisationCanNeitherSeeNorChangeAnother() {
        UUID memberOfB = scenarios.newMember(b, Role.MEMBER);
        String invited = Fixtures.uniqueEmail();
        a.actAsOwner();

        for (Executable call : List.<Executable>of(
                () -> organisations.get(b.organisationId()),
                () -> organisations.members(b.organisationId()),
                () -> organisations.invite(b.organisationId(), invited, Role.OWNER),
                () -> organisations.removeMember(b.organisationId(), memberOfB),
                () -> organisations.removeMember(b.organisationId(), b.ownerId()),
                () -> organisations.changeRole(b.organisationId(), memberOfB, Role.OWNER),
                () -> organisations.changeRole(b.organisationId(), a.ownerId(), Role.OWNER),
                () -> organisations.get(UUID.randomUUID()))) {
            assertThatThrownBy(call::execute).isInstanceOf(NotFoundException.class);
        }
        assertThat(organisations.isOwner(b.organisationId())).isFalse();
        assertThat(organisations.myOrganisations())
                .extracting(Membership::organisationId)
                .containsExactly(a.organisationId());
        assertThat(roleIn(b, memberOfB)).isEqualTo("MEMBER");
        assertThat(roleIn(b, a.ownerId())).isNull();
        assertThat(scenarios.count("SELECT count(*) FROM mail_outbox WHERE recipient = ?", invited))
                .isZero();
    }

    @Test
    void anOwnerCannotRemoveSomeoneFromAnotherOrganisationThroughTheirOwn() {
        UUID memberOfB = scenarios.newMember(b, Role.MEMBER);
        a.actAsOwner();

        assertThatThrownBy(() -> organisations.removeMember(a.organisationId(), memberOfB))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> organisations.changeRole(a.organisationId(), memberOfB, Role.OWNER))
                .isInstanceOf(NotFoundException.class);
        assertThat(roleIn(b, memberOfB)).isEqualTo("MEMBER");
    }

    @Test
    void aPendingAdministratorIsTreatedAsAStranger() {
        UUID admin = scenarios.administrator(Fixtures.uniqueEmail());
        Fixtures.actAs(admin, "admin@example.org", true, false);

        assertThatThrownBy(() -> organisations.get(a.organisationId())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> organisations.members(a.organisationId())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aConfirmedAdministratorSeesEveryOrganisationButChangesNone() {
        UUID admin = scenarios.administrator(Fixtures.uniqueEmail());
        Fixtures.actAs(admin, "admin@example.org", true, true);

        assertThat(organisations.get(a.organisationId()).name()).isEqualTo(a.organisationName());
        assertThat(organisations.members(b.organisationId()))
                .extracting(Member::accountId)
                .containsExactly(b.ownerId());
        assertThatThrownBy(() -> organisations.removeMember(a.organisationId(), a.ownerId()))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void anonymousCallersAreDenied() {
        var anonymous = new AnonymousAuthenticationToken(
                "key", "anonymousUser", AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"));
        SecurityContextHolder.getContext().setAuthentication(anonymous);

        for (Executable call : List.<Executable>of(
                () -> organisations.myOrganisations(),
                () -> organisations.get(a.organisationId()),
                () -> organisations.members(a.organisationId()),
                () -> organisations.isOwner(a.organisationId()),
                () -> organisations.invite(a.organisationId(), Fixtures.uniqueEmail(), Role.MEMBER),
                () -> organisations.removeMember(a.organisationId(), a.ownerId()),
                () -> organisations.changeRole(a.organisationId(), a.ownerId(), Role.MEMBER))) {
            assertThatThrownBy(call::execute).isInstanceOf(AccessDeniedException.class);
        }
        // A thread with no security context at all (a scheduled job) is refused before the method
        // runs too; Spring Security says so with an AuthenticationException instead.
        Fixtures.actAsNobody();
        assertThatThrownBy(() -> organisations.get(a.organisationId()))
                .isInstanceOf(AuthenticationCredentialsNotFoundException.class);
        assertThat(roleIn(a, a.ownerId())).isEqualTo("OWNER");
    }

    @Test
    void aMemberCanNeitherInviteNorRemoveNorChangeRoles() {
        UUID member = scenarios.newMember(a, Role.MEMBER);
        UUID other = scenarios.newMember(a, Role.MEMBER);
        Fixtures.actAs(member, "member@example.org", false, false);
        String invited = Fixtures.uniqueEmail();

        assertThatThrownBy(() -> organisations.invite(a.organisationId(), invited, Role.MEMBER))
                .isInstanceOf(RefusedException.class);
        assertThatThrownBy(() -> organisations.removeMember(a.organisationId(), other))
                .isInstanceOf(RefusedException.class);
        assertThatThrownBy(() -> organisations.changeRole(a.organisationId(), member, Role.OWNER))
                .isInstanceOf(RefusedException.class);

        assertThat(scenarios.count("SELECT count(*) FROM mail_outbox WHERE recipient = ?", invited))
                .isZero();
        assertThat(roleIn(a, other)).isEqualTo("MEMBER");
        assertThat(roleIn(a, member)).isEqualTo("MEMBER");
    }

    @Test
    void theLastOwnerCanBeNeitherRemovedNorDemoted() {
        a.actAsOwner();

        assertThatThrownBy(() -> organisations.removeMember(a.organisationId(), a.ownerId()))
                .isInstanceOf(RefusedException.class)
                .hasMessageContaining("at least one owner");
        assertThatThrownBy(() -> organisations.changeRole(a.organisationId(), a.ownerId(), Role.MEMBER))
                .isInstanceOf(RefusedException.class)
                .hasMessageContaining("at least one owner");
        assertThat(roleIn(a, a.ownerId())).isEqualTo("OWNER");
    }

    @Test
    void anOwnerPromotesDemotesAndRemovesOthers() {
        UUID member = scenarios.newMember(a, Role.MEMBER);
        a.actAsOwner();

        organisations.changeRole(a.organisationId(), member, Role.OWNER);
        assertThat(roleIn(a, member)).isEqualTo("OWNER");

        // With two owners, the first may step down; the new owner is then the last one.
        organisations.changeRole(a.organisationId(), a.ownerId(), Role.MEMBER);
        assertThat(roleIn(a, a.ownerId())).isEqualTo("MEMBER");
        Fixtures.actAs(member, "member@example.org", false, false);
        assertThatThrownBy(() -> organisations.changeRole(a.organisationId(), member, Role.MEMBER))
                .isInstanceOf(RefusedException.class);

        organisations.changeRole(a.organisationId(), a.ownerId(), Role.OWNER);
        organisations.changeRole(a.organisationId(), member, Role.MEMBER);
        a.actAsOwner();
        organisations.removeMember(a.organisationId(), member);

        assertThat(roleIn(a, member)).isNull();
        assertThat(roleIn(a, a.ownerId())).isEqualTo("OWNER");
    }

    @Test
    void anOwnerInvitesByMailAndCannotInviteAMemberTwice() {
        UUID member = scenarios.newMember(a, Role.MEMBER);
        String memberEmail = jdbc.sql("SELECT email FROM account WHERE id = ?")
                .param(member)
                .query(String.class)
                .single();
        a.actAsOwner();
        String invited = Fixtures.uniqueEmail();

        organisations.invite(a.organisationId(), invited.toUpperCase(), Role.OWNER);

        assertThat(scenarios.count(
                        "SELECT count(*) FROM mail_outbox WHERE recipient = ? AND kind = 'JOIN_ORGANISATION' AND subject LIKE ?",
                        invited,
                        "%" + a.organisationName() + "%"))
                .isOne();
        assertThatThrownBy(() -> organisations.invite(a.organisationId(), memberEmail, Role.MEMBER))
                .isInstanceOf(org.undersigned.base.InvalidInputException.class);
    }

    /** Two owners demoting each other at the same moment: the organisation keeps an owner. */
    @Test
    void concurrentDemotionsLeaveAnOwner() throws Exception {
        UUID second = scenarios.newMember(a, Role.OWNER);
        String secondEmail = jdbc.sql("SELECT email FROM account WHERE id = ?")
                .param(second)
                .query(String.class)
                .single();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            results.add(pool.submit(() -> demote(start, a.ownerId(), a.ownerEmail(), second)));
            results.add(pool.submit(() -> demote(start, second, secondEmail, a.ownerId())));
            start.countDown();
            int done = 0;
            for (Future<Boolean> r : results) {
                if (r.get(30, TimeUnit.SECONDS)) {
                    done++;
                }
            }
            assertThat(done).isOne();
        } finally {
            pool.shutdownNow();
        }
        assertThat(scenarios.count(
                        "SELECT count(*) FROM membership WHERE organisation_id = ? AND role = 'OWNER'",
                        a.organisationId()))
                .isOne();
    }

    boolean demote(CountDownLatch start, UUID me, String email, UUID other) throws InterruptedException {
        Fixtures.actAs(me, email, false, false);
        start.await();
        try {
            organisations.changeRole(a.organisationId(), other, Role.MEMBER);
            return true;
        } catch (RefusedException | NotFoundException refused) {
            return false;
        } finally {
            Fixtures.actAsNobody();
        }
    }

    String roleIn(AccountScenarios.Registered organisation, UUID accountId) {
        return jdbc.sql("SELECT role FROM membership WHERE organisation_id = ? AND account_id = ?")
                .params(organisation.organisationId(), accountId)
                .query(String.class)
                .optional()
                .orElse(null);
    }
}
