package org.undersigned.hardening;

/**
 * The expected outcomes of {@link AccessMatrixTest}. Columns: anonymous | signer of another
 * letter | member of a non-drafting organisation | commenter | editor | owner | administrator
 * without the second factor | administrator with it.
 *
 * <p>Views: {@code ok} (the view opens), {@code login} (sent to the login page; over HTTP a 302
 * to /login), {@code notfound} (a page that looks missing), {@code denied}. Endpoints: the HTTP
 * status, with {@code >target} for a redirect. Services: {@code ok} (ran), {@code invalid} (passed
 * the access check, refused the input), {@code refused} ({@code RefusedException}),
 * {@code notfound} ({@code NotFoundException}), {@code denied} ({@code AccessDeniedException}).
 * The world: one letter, drafted by the editor's and owner's organisation; the commenter is
 * invited to comment on it in person; the signer holds a signing session for another letter.
 */
final class AccessTable {

    private AccessTable() {}

    static final String VIEWS = """
            VIEW / | login | login | ok | ok | ok | ok | ok | ok
            VIEW /account/forgot-password | ok | ok | ok | ok | ok | ok | ok | ok
            VIEW /account/join/:token? | ok | ok | ok | ok | ok | ok | ok | ok
            VIEW /account/reset/:token? | ok | ok | ok | ok | ok | ok | ok | ok
            VIEW /account/second-factor | login | login | notfound | notfound | notfound | notfound | ok | ok
            VIEW /account/verify/:token? | ok | ok | ok | ok | ok | ok | ok | ok
            VIEW /drafting/accept | login | login | view:DraftingInvitationView | view:DraftingInvitationView | view:DraftingInvitationView | view:DraftingInvitationView | view:DraftingInvitationView | view:DraftingInvitationView
            VIEW /drafting/invitation/:token? | ok | ok | ok | ok | ok | ok | ok | ok
            VIEW /admin/accounts | login | login | notfound | notfound | notfound | notfound | notfound | ok
            VIEW /admin/audit | login | login | notfound | notfound | notfound | notfound | notfound | ok
            VIEW /admin/mail | login | login | notfound | notfound | notfound | notfound | notfound | ok
            VIEW /admin/mailbox | login | login | notfound | notfound | notfound | notfound | notfound | ok
            VIEW /admin/organisations | login | login | notfound | notfound | notfound | notfound | notfound | ok
            VIEW /drafts/:id | login | login | notfound | ok | ok | ok | notfound | ok
            VIEW /admin/reviews | login | login | notfound | notfound | notfound | notfound | notfound | ok
            VIEW /admin/reviews/:id | login | login | notfound | notfound | notfound | notfound | notfound | notfound
            VIEW /drafts/:id/publication | login | login | notfound | ok | ok | ok | notfound | ok
            VIEW /drafts/:id/signatories | login | login | notfound | notfound | ok | ok | notfound | notfound
            VIEW /import | login | login | ok | ok | ok | ok | ok | ok
            VIEW /login | ok | ok | view:DashboardView | view:DashboardView | view:DashboardView | view:DashboardView | view:DashboardView | view:DashboardView
            VIEW /organisations | login | login | ok | ok | ok | ok | ok | ok
            VIEW /organisations/:id | login | login | notfound | notfound | ok | ok | notfound | ok
            VIEW /setup/:token? | ok | ok | ok | ok | ok | ok | ok | ok
            VIEW /signup | ok | ok | ok | ok | ok | ok | ok | ok
            """;

    static final String ENDPOINTS = """
            ANY /error | 404 | 404 | 404 | 404 | 404 | 404 | 404 | 404
            GET /.well-known/undersigned-signing-key | 200 | 200 | 200 | 200 | 200 | 200 | 200 | 200
            GET /actuator/health | 200 | 200 | 200 | 200 | 200 | 200 | 200 | 200
            GET /letters | 200 | 200 | 200 | 200 | 200 | 200 | 200 | 200
            GET /letters/{slug} | 404 | 404 | 404 | 404 | 404 | 404 | 404 | 404
            GET /letters/{slug}.pdf | 404 | 404 | 404 | 404 | 404 | 404 | 404 | 404
            GET /letters/{slug}.txt | 404 | 404 | 404 | 404 | 404 | 404 | 404 | 404
            GET /letters/{slug}/manifest.json | 404 | 404 | 404 | 404 | 404 | 404 | 404 | 404
            GET /sign/code | 401 | 409 | 401 | 401 | 401 | 401 | 401 | 401
            GET /sign/decline | 401 | 200 | 401 | 401 | 401 | 401 | 401 | 401
            GET /sign/done | 401 | 200 | 401 | 401 | 401 | 401 | 401 | 401
            GET /sign/review | 401 | 200 | 401 | 401 | 401 | 401 | 401 | 401
            GET /sign/{token} | 404 | 404 | 404 | 404 | 404 | 404 | 404 | 404
            GET /verify | 200 | 200 | 200 | 200 | 200 | 200 | 200 | 200
            POST /sign/code | 401 | 409 | 401 | 401 | 401 | 401 | 401 | 401
            POST /sign/code/resend | 401 | 409 | 401 | 401 | 401 | 401 | 401 | 401
            POST /sign/decline | 401 | 409 | 401 | 401 | 401 | 401 | 401 | 401
            POST /sign/review | 401 | 409 | 401 | 401 | 401 | 401 | 401 | 401
            POST /sign/withdraw | 401 | 409 | 401 | 401 | 401 | 401 | 401 | 401
            POST /sign/{token}/continue | 404 | 404 | 404 | 404 | 404 | 404 | 404 | 404
            POST /verify | 200 | 200 | 200 | 200 | 200 | 200 | 200 | 200
            """;

    static final String SERVICES = """
            SERVICE AccountService.acceptJoin(String,String,String,String) | refused | refused | refused | refused | refused | refused | refused | refused
            SERVICE AccountService.createFirstAdministrator(String,String,String,String,String) | refused | refused | refused | refused | refused | refused | refused | refused
            SERVICE AccountService.firstAdministratorNeeded() | ok | ok | ok | ok | ok | ok | ok | ok
            SERVICE AccountService.peekEmailVerification(String) | ok | ok | ok | ok | ok | ok | ok | ok
            SERVICE AccountService.peekJoin(String) | ok | ok | ok | ok | ok | ok | ok | ok
            SERVICE AccountService.peekPasswordReset(String) | ok | ok | ok | ok | ok | ok | ok | ok
            SERVICE AccountService.requestPasswordReset(String) | ok | ok | ok | ok | ok | ok | ok | ok
            SERVICE AccountService.resetPassword(String,String,String) | refused | refused | refused | refused | refused | refused | refused | refused
            SERVICE AccountService.setupTokenValid(String) | ok | ok | ok | ok | ok | ok | ok | ok
            SERVICE AccountService.signUp(OrganisationSignUp) | invalid | invalid | invalid | invalid | invalid | invalid | invalid | invalid
            SERVICE AccountService.verifyEmail(String) | refused | refused | refused | refused | refused | refused | refused | refused
            SERVICE AccountSignIn.loadUserByUsername(String) | internal: Spring Security's user lookup, used only by the throttled sign-in provider
            SERVICE Administration.accounts() | denied | denied | denied | denied | denied | denied | denied | ok
            SERVICE Administration.organisations() | denied | denied | denied | denied | denied | denied | denied | ok
            SERVICE Administration.setDisabled(UUID,boolean) | denied | denied | denied | denied | denied | denied | denied | ok
            SERVICE Administration.setVerified(UUID,boolean) | denied | denied | denied | denied | denied | denied | denied | ok
            SERVICE AuditLog.append(String,String,Object,UUID,Map) | internal: the hash-chained log; written by every service inside its own transaction
            SERVICE AuditLog.appendAs(String,String,String,Object,UUID,Map) | internal: the hash-chained log; written by every service inside its own transaction
            SERVICE AuditReader.recent(UUID,UUID,int) | denied | denied | denied | denied | denied | denied | denied | ok
            SERVICE AuditReader.verifyChain() | denied | denied | denied | denied | denied | denied | denied | ok
            SERVICE InvitationService.add(UUID,NewInvitee) | denied | denied | notfound | notfound | ok | ok | notfound | notfound
            SERVICE InvitationService.addAll(UUID,List) | denied | denied | notfound | notfound | ok | ok | notfound | notfound
            SERVICE InvitationService.currentRevision(UUID) | denied | denied | notfound | notfound | ok | ok | notfound | notfound
            SERVICE InvitationService.letter(UUID) | denied | denied | notfound | notfound | ok | ok | notfound | notfound
            SERVICE InvitationService.list(UUID) | denied | denied | notfound | notfound | ok | ok | notfound | notfound
            SERVICE InvitationService.openForSignatures(UUID) | denied | denied | notfound | notfound | ok | ok | notfound | notfound
            SERVICE InvitationService.preview(UUID,String) | denied | denied | notfound | notfound | ok | ok | notfound | notfound
            SERVICE InvitationService.progress(UUID) | denied | denied | notfound | notfound | ok | ok | notfound | notfound
            SERVICE InvitationService.remind(UUID,UUID) | denied | denied | notfound | notfound | refused | refused | notfound | notfound
            SERVICE InvitationService.remove(UUID,UUID) | denied | denied | notfound | notfound | ok | ok | notfound | notfound
            SERVICE InvitationService.resend(UUID,UUID) | denied | denied | notfound | notfound | refused | refused | notfound | notfound
            SERVICE InvitationService.revoke(UUID,UUID) | denied | denied | notfound | notfound | refused | refused | notfound | notfound
            SERVICE InvitationService.saveSettings(UUID,SigningSettings) | denied | denied | notfound | notfound | ok | ok | notfound | notfound
            SERVICE InvitationService.sendPending(UUID) | denied | denied | notfound | notfound | refused | refused | notfound | notfound
            SERVICE InvitationService.settings(UUID) | denied | denied | notfound | notfound | ok | ok | notfound | notfound
            SERVICE InvitationService.signatures(UUID) | denied | denied | notfound | notfound | ok | ok | notfound | notfound
            SERVICE InvitationService.textChanged(UUID) | denied | denied | notfound | notfound | refused | refused | notfound | notfound
            SERVICE InvitationService.update(UUID,UUID,NewInvitee) | denied | denied | notfound | notfound | ok | ok | notfound | notfound
            SERVICE LetterBroadcaster.subscribe(UUID,Consumer) | internal: the editor view subscribes after LetterService.access let it open the letter
            SERVICE LetterDiscussion.accept(UUID,UUID,int) | denied | denied | notfound | refused | ok | ok | notfound | refused
            SERVICE LetterDiscussion.comment(UUID,UUID,String) | denied | denied | notfound | ok | ok | ok | notfound | refused
            SERVICE LetterDiscussion.comments(UUID) | denied | denied | notfound | ok | ok | ok | notfound | ok
            SERVICE LetterDiscussion.reject(UUID,UUID) | denied | denied | notfound | refused | ok | ok | notfound | refused
            SERVICE LetterDiscussion.reopen(UUID,UUID) | denied | denied | notfound | ok | ok | ok | notfound | refused
            SERVICE LetterDiscussion.reply(UUID,UUID,String) | denied | denied | notfound | ok | ok | ok | notfound | refused
            SERVICE LetterDiscussion.resolve(UUID,UUID) | denied | denied | notfound | ok | ok | ok | notfound | refused
            SERVICE LetterDiscussion.suggest(UUID,UUID,String) | denied | denied | notfound | ok | ok | ok | notfound | refused
            SERVICE LetterDiscussion.suggestions(UUID) | denied | denied | notfound | ok | ok | ok | notfound | ok
            SERVICE LetterHistory.diff(UUID,int,int) | denied | denied | notfound | ok | ok | ok | notfound | ok
            SERVICE LetterHistory.name(UUID,int,String) | denied | denied | notfound | ok | ok | ok | notfound | refused
            SERVICE LetterHistory.restore(UUID,int) | denied | denied | notfound | refused | ok | ok | notfound | refused
            SERVICE LetterHistory.revision(UUID,int) | denied | denied | notfound | ok | ok | ok | notfound | ok
            SERVICE LetterHistory.revisions(UUID) | denied | denied | notfound | ok | ok | ok | notfound | ok
            SERVICE LetterPreview.draft(UUID) | denied | denied | notfound | ok | ok | ok | notfound | ok
            SERVICE LetterPreview.render(LetterDocument) | ok | ok | ok | ok | ok | ok | ok | ok
            SERVICE LetterService.access(UUID) | denied | denied | notfound | ok | ok | ok | notfound | ok
            SERVICE LetterService.addBlock(UUID,UUID,BlockKind) | denied | denied | notfound | refused | ok | ok | notfound | refused
            SERVICE LetterService.block(UUID,UUID) | denied | denied | notfound | ok | ok | ok | notfound | ok
            SERVICE LetterService.blocks(UUID) | denied | denied | notfound | ok | ok | ok | notfound | ok
            SERVICE LetterService.create(NewLetter) | denied | denied | invalid | invalid | ok | ok | invalid | invalid
            SERVICE LetterService.createFromImport(ImportDraft) | denied | denied | invalid | invalid | ok | ok | invalid | invalid
            SERVICE LetterService.drafters(UUID) | denied | denied | notfound | ok | ok | ok | notfound | ok
            SERVICE LetterService.findOrganisations(UUID,String) | denied | denied | notfound | refused | ok | ok | notfound | refused
            SERVICE LetterService.get(UUID) | denied | denied | notfound | ok | ok | ok | notfound | ok
            SERVICE LetterService.importedSignatories(UUID) | denied | denied | notfound | ok | ok | ok | notfound | ok
            SERVICE LetterService.inviteOrganisation(UUID,UUID,DraftingRole) | denied | denied | notfound | refused | invalid | invalid | notfound | refused
            SERVICE LetterService.invitePerson(UUID,String,DraftingRole) | denied | denied | notfound | refused | ok | ok | notfound | refused
            SERVICE LetterService.pendingInvitations(UUID) | denied | denied | notfound | ok | ok | ok | notfound | ok
            SERVICE LetterService.revokeInvitation(UUID,UUID) | denied | denied | notfound | refused | refused | refused | notfound | refused
            SERVICE DraftingInvitations.accept(String) | denied | denied | refused | refused | refused | refused | refused | refused
            SERVICE DraftingInvitations.acceptAsNewcomer(String,String,String,String) | refused | refused | refused | refused | refused | refused | refused | refused
            SERVICE DraftingInvitations.peek(String) | ok | ok | ok | ok | ok | ok | ok | ok
            SERVICE InvitedAccounts.confirmedAccount(String) | internal: for the co-drafting invitation service, which holds the proof of the address
            SERVICE InvitedAccounts.createConfirmed(String,String,String,String,Instant) | internal: needs the caller's transaction (MANDATORY); only the co-drafting invitation service calls it, after checking the link
            SERVICE LetterService.moveBlock(UUID,UUID,int) | denied | denied | notfound | refused | ok | ok | notfound | refused
            SERVICE LetterService.myLetters() | denied | denied | ok | ok | ok | ok | ok | ok
            SERVICE LetterService.parties(UUID) | denied | denied | notfound | ok | ok | ok | notfound | ok
            SERVICE LetterService.removeBlock(UUID,UUID) | denied | denied | notfound | refused | ok | ok | notfound | refused
            SERVICE LetterService.removeParty(UUID,UUID) | denied | denied | notfound | refused | ok | ok | notfound | refused
            SERVICE LetterService.saveBlock(UUID,UUID,int,String) | denied | denied | notfound | refused | ok | ok | notfound | refused
            SERVICE MailAdmin.captured(int) | denied | denied | denied | denied | denied | denied | denied | ok
            SERVICE MailAdmin.capturing() | denied | denied | denied | denied | denied | denied | denied | ok
            SERVICE MailAdmin.retry(long) | denied | denied | denied | denied | denied | denied | denied | ok
            SERVICE MailAdmin.undelivered() | denied | denied | denied | denied | denied | denied | denied | ok
            SERVICE MailOutbox.enqueue(String,MailMessage) | internal: needs the caller's transaction (MANDATORY); only services that already checked access write mail
            SERVICE OrganisationService.changeRole(UUID,UUID,Role) | denied | denied | notfound | notfound | refused | ok | notfound | notfound
            SERVICE OrganisationService.get(UUID) | denied | denied | notfound | notfound | ok | ok | notfound | ok
            SERVICE OrganisationService.invite(UUID,String,Role) | denied | denied | notfound | notfound | refused | ok | notfound | notfound
            SERVICE OrganisationService.isOwner(UUID) | denied | denied | ok | ok | ok | ok | ok | ok
            SERVICE OrganisationService.members(UUID) | denied | denied | notfound | notfound | ok | ok | notfound | ok
            SERVICE OrganisationService.myOrganisations() | denied | denied | ok | ok | ok | ok | ok | ok
            SERVICE OrganisationService.removeMember(UUID,UUID) | denied | denied | notfound | notfound | refused | ok | notfound | notfound
            SERVICE PdfRenderer.render(String,boolean) | internal: renders XHTML the publication step made; holds no data of its own
            SERVICE PlatformKeys.keyedHash(String,String) | internal: key material for other services; nothing a request can reach directly
            SERVICE PlatformKeys.open(String,byte[]) | internal: key material for other services; nothing a request can reach directly
            SERVICE PlatformKeys.seal(String,byte[]) | internal: key material for other services; nothing a request can reach directly
            SERVICE PlatformSigningKey.publicKey(String) | ok | ok | ok | ok | ok | ok | ok | ok
            SERVICE PlatformSigningKey.publicPart() | ok | ok | ok | ok | ok | ok | ok | ok
            SERVICE PlatformSigningKey.sign(byte[]) | internal: signs what the publication step made; nothing a request can reach directly
            SERVICE Presence.editing(UUID,UUID,UUID,UUID) | denied | denied | notfound | denied | ok | denied | notfound | denied
            SERVICE Presence.here(UUID) | denied | denied | notfound | ok | ok | ok | notfound | ok
            SERVICE Presence.join(UUID,UUID,UUID) | denied | denied | notfound | denied | ok | denied | notfound | denied
            SERVICE Presence.leave(UUID,UUID,UUID) | denied | denied | denied | denied | ok | denied | denied | denied
            SERVICE PublishedArtifacts.find(String) | ok | ok | ok | ok | ok | ok | ok | ok
            SERVICE PublishedArtifacts.index() | ok | ok | ok | ok | ok | ok | ok | ok
            SERVICE SecondFactor.enrolled() | denied | denied | ok | ok | ok | ok | ok | ok
            SERVICE SecondFactor.startEnrolment() | denied | denied | refused | refused | refused | refused | ok | ok
            SERVICE SecondFactor.verify(String) | denied | denied | refused | refused | refused | refused | ok | ok
            SERVICE SecondFactorStepUp.confirm(String) | ok | ok | ok | ok | ok | ok | ok | ok
            SERVICE SignedManifests.sign(ObjectNode) | internal: signs what the publication step made; nothing a request can reach directly
            SERVICE SignedManifests.verify(String) | ok | ok | ok | ok | ok | ok | ok | ok
            SERVICE LetterService.changeDetails(UUID,LetterDetails) | denied | denied | notfound | refused | ok | ok | notfound | refused
            SERVICE PdfRenderer.renderHtml(String,boolean) | internal: renders HTML the publication step made; holds no data of its own
            SERVICE PublicationReview.embargoed() | denied | denied | denied | denied | denied | denied | denied | ok
            SERVICE PublicationReview.queue() | denied | denied | denied | denied | denied | denied | denied | ok
            SERVICE PublicationReview.reject(UUID,String) | denied | denied | denied | denied | denied | denied | denied | refused
            SERVICE PublicationReview.request(UUID) | denied | denied | notfound | refused | refused | refused | notfound | notfound
            SERVICE PublicationReview.review(UUID) | denied | denied | denied | denied | denied | denied | denied | notfound
            SERVICE PublicationReview.status(UUID) | denied | denied | notfound | ok | ok | ok | notfound | ok
            SERVICE PublicationReview.waitingCount() | ok | ok | ok | ok | ok | ok | ok | ok
            SERVICE SignatureListService.deadline(UUID) | denied | denied | notfound | notfound | ok | ok | notfound | notfound
            SERVICE SignatureListService.familyNames(UUID) | denied | denied | notfound | notfound | ok | ok | notfound | notfound
            SERVICE SignatureListService.lock(UUID) | denied | denied | notfound | notfound | refused | refused | notfound | notfound
            SERVICE SignatureListService.lockPreview(UUID) | denied | denied | notfound | notfound | ok | ok | notfound | notfound
            SERVICE SignatureListService.locked(UUID) | denied | denied | notfound | notfound | ok | ok | notfound | notfound
            SERVICE SignatureListService.move(UUID,UUID,int) | denied | denied | notfound | notfound | refused | refused | notfound | notfound
            SERVICE SignatureListService.order(UUID) | denied | denied | notfound | notfound | ok | ok | notfound | notfound
            SERVICE SignatureListService.ordered(UUID) | denied | denied | notfound | notfound | ok | ok | notfound | notfound
            SERVICE SignatureListService.setFamilyName(UUID,UUID,String) | denied | denied | notfound | notfound | refused | refused | notfound | notfound
            SERVICE SignatureListService.setOrder(UUID,ListOrder) | denied | denied | notfound | notfound | refused | refused | notfound | notfound
            SERVICE LetterService.signatureCounts(List) | denied | denied | ok | ok | ok | ok | ok | ok
            SERVICE PublicationReview.approve(UUID,Instant) | denied | denied | denied | denied | denied | denied | denied | refused
            SERVICE SignatureListService.setDeadline(UUID,Instant) | denied | denied | notfound | notfound | ok | ok | notfound | notfound
            SERVICE SigningFlow.begin(String,String) | refused | refused | refused | refused | refused | refused | refused | refused
            SERVICE SigningFlow.codeStep(SigningSession) | refused | refused | refused | refused | refused | refused | refused | refused
            SERVICE SigningFlow.decline(SigningSession,UUID,String) | refused | refused | refused | refused | refused | refused | refused | refused
            SERVICE SigningFlow.done(SigningSession) | refused | ok | refused | refused | refused | refused | refused | refused
            SERVICE SigningFlow.landing(String,String) | refused | refused | refused | refused | refused | refused | refused | refused
            SERVICE SigningFlow.requestCode(SigningSession,UUID,String,String,String,boolean,boolean,String) | refused | refused | refused | refused | refused | refused | refused | refused
            SERVICE SigningFlow.resendCode(SigningSession,UUID,String) | refused | refused | refused | refused | refused | refused | refused | refused
            SERVICE SigningFlow.review(SigningSession) | refused | ok | refused | refused | refused | refused | refused | refused
            SERVICE SigningFlow.sign(SigningSession,UUID,String,String) | refused | refused | refused | refused | refused | refused | refused | refused
            SERVICE SigningFlow.withdraw(SigningSession,UUID) | refused | refused | refused | refused | refused | refused | refused | refused
            SERVICE Throttle.blockedFor(String,String) | internal: counts refusals for the sign-in and signing services
            SERVICE Throttle.failure(String,String,Policy) | internal: counts refusals for the sign-in and signing services
            SERVICE Throttle.countUnlessBlocked(String,String,Policy) | internal: counts code mails in the signing step's transaction
            SERVICE Throttle.countUnlessBlocked(Count,Count) | internal: counts code mails in the signing step's transaction
            SERVICE Throttle.keyHash(String,String) | internal: the stored key, for a signing lookup that reads the block with its rows
            SERVICE Throttle.reset(String,String) | internal: counts refusals for the sign-in and signing services
            """;
}
