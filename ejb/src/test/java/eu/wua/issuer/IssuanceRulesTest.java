package eu.wua.issuer;

import static eu.wua.issuer.IssuerFixture.NOW;
import static eu.wua.issuer.IssuerFixture.assertRefusedFor;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import eu.wua.issuer.IssuanceRejection.Reason;
import eu.wua.status.StatusReference;

/**
 * The token and credential endpoints' own rules (the code, the tx_code, the access token, the
 * configuration, the Wallet Provider, the WIA's status now, the credential's lifetime), one
 * sentence and one reason each.
 */
class IssuanceRulesTest {

    private static final CredentialConfiguration PID = IssuerFixture.pid("iso_18045_high");
    private final IssuerFixture fixture = new IssuerFixture();

    IssuanceRulesTest() throws Exception {
    }

    private static CredentialOffer offer(Instant expiresAt) {
        return new CredentialOffer("offer-1", PID.getId(), "code-hash", "tx-hash", "{}", "operator", NOW.minusSeconds(60), expiresAt);
    }

    private static AccessToken token(String walletProviderId, String wiaStatusUri, Integer wiaStatusIndex, Instant wiaStatusUntil,
            Instant expiresAt) {
        return new AccessToken("token-hash", offer(NOW.plusSeconds(600)), new AccessToken.Client(walletProviderId, "thumbprint",
                wiaStatusUri == null ? null : new StatusReference(wiaStatusUri, wiaStatusIndex), wiaStatusUntil), NOW.minusSeconds(60), expiresAt);
    }

    private static AccessToken liveToken() {
        return token(IssuerFixture.WALLET_PROVIDER, IssuerFixture.STATUS_LIST, 1, NOW.plus(Duration.ofDays(30)), NOW.plusSeconds(600));
    }

    private static VerifiedKeyAttestation keyAttestation(String walletProviderId, Instant statusUntil, Instant expiresAt) {
        return new VerifiedKeyAttestation("ka-hash", false, walletProviderId, List.of(), List.of("iso_18045_high"), Optional.empty(),
                statusUntil, expiresAt, Optional.empty());
    }

    private static CredentialRequest request(String configurationId) {
        return new CredentialRequest(configurationId, false, CredentialRequest.ProofType.JWT, List.of("proof"));
    }

    // --- token endpoint -----------------------------------------------------------------------------

    @Test
    void aCodeThatNamesNoOfferIsUnknown() {
        assertRefusedFor(Reason.GRANT_UNKNOWN, () -> PreAuthorizedTokens.requireRedeemable(Optional.empty(), NOW, 5));
    }

    @Test
    void aRedeemedCodeOrOneVoidAfterWrongTxCodesIsUsed() {
        CredentialOffer redeemed = offer(NOW.plusSeconds(600));
        redeemed.markRedeemed(NOW.minusSeconds(1));
        assertRefusedFor(Reason.GRANT_USED, () -> PreAuthorizedTokens.requireRedeemable(Optional.of(redeemed), NOW, 5));
        CredentialOffer guessed = offer(NOW.plusSeconds(600));
        for (int i = 0; i < 5; i++) {
            guessed.recordWrongTxCode();
        }
        assertRefusedFor(Reason.GRANT_USED, () -> PreAuthorizedTokens.requireRedeemable(Optional.of(guessed), NOW, 5));
    }

    @Test
    void aCodePastItsOffersLifetimeIsExpired() {
        assertRefusedFor(Reason.GRANT_EXPIRED, () -> PreAuthorizedTokens.requireRedeemable(Optional.of(offer(NOW)), NOW, 5));
    }

    @Test
    void aRequestWithoutTheTxCodeIsRefusedForTheMissingTxCode() {
        assertRefusedFor(Reason.TX_CODE_MISSING, () -> PreAuthorizedTokens.requireTxCode(new TokenRequest.PreAuthorizedCode("code", Optional.empty())));
    }

    @Test
    void aWrongTxCodeSaysHowManyTriesAreLeftAfterItsAttempt() throws Exception {
        IssuanceRejection wrong = org.junit.jupiter.api.Assertions.assertThrows(IssuanceRejection.class,
                () -> PreAuthorizedTokens.requireMatchingTxCode("000000", code -> false, 1, 5));
        assertEquals(Reason.TX_CODE_WRONG, wrong.reason());
        assertEquals("the tx_code is wrong; 4 tries left", wrong.getMessage());
        assertRefusedFor(Reason.TX_CODE_WRONG, () -> PreAuthorizedTokens.requireMatchingTxCode("1".repeat(65), code -> true, 2, 5));
        PreAuthorizedTokens.requireMatchingTxCode("123456", code -> true, 3, 5);
    }

    // --- credential endpoint ------------------------------------------------------------------------

    @Test
    void aRequestWithoutADpopOrBearerTokenIsRefusedForTheMissingToken() throws Exception {
        assertRefusedFor(Reason.TOKEN_MISSING, () -> CredentialIssuance.presentedToken(null));
        assertRefusedFor(Reason.TOKEN_MISSING, () -> CredentialIssuance.presentedToken("Basic dXNlcjpwdw=="));
        assertRefusedFor(Reason.TOKEN_MISSING, () -> CredentialIssuance.presentedToken("Bearer  "));
        assertEquals(new CredentialIssuance.PresentedToken(true, "abc"), CredentialIssuance.presentedToken("dpop abc"));
        assertEquals(new CredentialIssuance.PresentedToken(false, "abc"), CredentialIssuance.presentedToken("Bearer abc"));
    }

    @Test
    void aDpopBoundTokenSentAsBearerAndABearerTokenSentAsDpopAreRefused() {
        assertRefusedFor(Reason.TOKEN_DPOP_BOUND, () -> CredentialIssuance.requireDpopScheme(new CredentialIssuance.PresentedToken(false, "t")));
        assertRefusedFor(Reason.TOKEN_NOT_DPOP_BOUND, () -> CredentialIssuance.requireBearerScheme(
                new CredentialIssuance.PresentedToken(true, "t")));
    }

    @Test
    void aDpopProofByAnotherKeyThanTheTokensIsRefused() throws Exception {
        AccessToken token = new AccessToken("token-hash", offer(NOW.plusSeconds(600)), new AccessToken.Client(IssuerFixture.WALLET_PROVIDER,
                "thumbprint", null, null), "jkt-of-the-token", NOW.minusSeconds(60), NOW.plusSeconds(600));
        assertRefusedFor(Reason.DPOP_OTHER_KEY, () -> CredentialIssuance.requireSameDpopKey(token, "jkt-of-another-key"));
        CredentialIssuance.requireSameDpopKey(token, "jkt-of-the-token");
    }

    @Test
    void aTokenRequestWithoutDpopIsRefusedUnlessBearerTokensAreAllowed() throws Exception {
        assertRefusedFor(Reason.DPOP_REQUIRED, () -> PreAuthorizedTokens.requireBearerAllowed(false));
        PreAuthorizedTokens.requireBearerAllowed(true);
    }

    @Test
    void anUnknownOrExpiredAccessTokenIsInvalid() {
        assertRefusedFor(Reason.TOKEN_INVALID, () -> CredentialIssuance.requireLiveToken(null, NOW));
        assertRefusedFor(Reason.TOKEN_INVALID, () -> CredentialIssuance.requireLiveToken(token(IssuerFixture.WALLET_PROVIDER, null, null,
                null, NOW), NOW));
    }

    @Test
    void aTokenSentWithTheAttestationOfAnotherWalletInstanceIsRefusedAsAnotherClients() throws Exception {
        AccessToken token = liveToken();
        assertRefusedFor(Reason.TOKEN_OTHER_CLIENT, () -> CredentialIssuance.requireTokenHolder(token, client(IssuerFixture.WALLET_PROVIDER,
                "another-thumbprint")));
        assertRefusedFor(Reason.TOKEN_OTHER_CLIENT, () -> CredentialIssuance.requireTokenHolder(token, client("https://other-provider.example",
                "thumbprint")));
        CredentialIssuance.requireTokenHolder(token, client(IssuerFixture.WALLET_PROVIDER, "thumbprint"));
    }

    private static ClientAttestationVerifier.AttestedClient client(String walletProviderId, String thumbprint) {
        return new ClientAttestationVerifier.AttestedClient(walletProviderId, "sub", null, thumbprint, Optional.empty(), NOW.plusSeconds(3600));
    }

    @Test
    void anUnknownConfigurationOrOneTheTokensOfferIsNotForIsUnknown() {
        assertRefusedFor(Reason.CREDENTIAL_CONFIGURATION_UNKNOWN, () -> CredentialIssuance.requireAuthorizedConfiguration(null,
                request("no-such"), liveToken()));
        CredentialConfiguration other = new CredentialConfiguration("mdl", "mso_mdoc", "urn:mdl", 1, "once", "iso_18045_high", NOW);
        assertRefusedFor(Reason.CREDENTIAL_CONFIGURATION_UNKNOWN, () -> CredentialIssuance.requireAuthorizedConfiguration(other,
                request("mdl"), liveToken()));
    }

    @Test
    void aCredentialIdentifierIsUsedExactlyWhenTheTokenResponseGaveOne() throws Exception {
        CredentialRequest byIdentifier = new CredentialRequest("pid", true, CredentialRequest.ProofType.JWT, List.of("proof"));
        CredentialRequest byConfiguration = request("pid");
        assertRefusedFor(Reason.CREDENTIAL_IDENTIFIER_UNKNOWN, () -> CredentialIssuance.requireIdentifierUse(byIdentifier, liveToken()));
        CredentialIssuance.requireIdentifierUse(byConfiguration, liveToken());
        AccessToken withIdentifier = liveToken().fromAuthorizationCode("code-hash", "pid");
        assertRefusedFor(Reason.CREDENTIAL_REQUEST_MALFORMED, () -> CredentialIssuance.requireIdentifierUse(byConfiguration, withIdentifier));
        assertRefusedFor(Reason.CREDENTIAL_IDENTIFIER_UNKNOWN, () -> CredentialIssuance.requireIdentifierUse(
                new CredentialRequest("other", true, CredentialRequest.ProofType.JWT, List.of("proof")), withIdentifier));
        CredentialIssuance.requireIdentifierUse(byIdentifier, withIdentifier);
    }

    @Test
    void aKeyAttestationFromAnotherWalletProviderThanTheWiaIsRefused() {
        assertRefusedFor(Reason.KEY_ATTESTATION_OTHER_PROVIDER, () -> CredentialIssuance.requireSameWalletProvider(
                keyAttestation("wp-2", NOW.plus(Duration.ofDays(30)), NOW.plus(Duration.ofDays(60))), liveToken()));
    }

    @Test
    void aWiaRevokedSinceTheTokenWasIssuedIsRefusedAsRevoked() {
        AccessToken token = token(IssuerFixture.WALLET_PROVIDER, IssuerFixture.STATUS_LIST, IssuerFixture.REVOKED_INDEX,
                NOW.plus(Duration.ofDays(30)), NOW.plusSeconds(600));
        assertRefusedFor(Reason.WALLET_ATTESTATION_REVOKED, () -> CredentialIssuance.requireWalletAttestationStillValid(token,
                fixture.statusLists, NOW));
    }

    @Test
    void aWiaWhoseStatusCannotBeReadNowIsRefusedAsStatusUnknown() {
        AccessToken token = token(IssuerFixture.WALLET_PROVIDER, "https://elsewhere.example/status/1", 1, NOW.plus(Duration.ofDays(30)),
                NOW.plusSeconds(600));
        assertRefusedFor(Reason.WALLET_ATTESTATION_STATUS_UNKNOWN, () -> CredentialIssuance.requireWalletAttestationStillValid(token,
                fixture.statusLists, NOW));
    }

    @Test
    void attestationsWhoseStatusEndsWithinTheHourLeaveTooShortALifetime() throws Exception {
        assertRefusedFor(Reason.LIFETIME_TOO_SHORT, () -> CredentialIssuance.credentialExpiry(liveToken(),
                keyAttestation(IssuerFixture.WALLET_PROVIDER, NOW.plus(Duration.ofMinutes(30)), NOW.plus(Duration.ofDays(60))),
                Duration.ofDays(30), NOW));
        AccessToken shortWia = token(IssuerFixture.WALLET_PROVIDER, null, null, NOW.plus(Duration.ofMinutes(50)), NOW.plusSeconds(600));
        assertRefusedFor(Reason.LIFETIME_TOO_SHORT, () -> CredentialIssuance.credentialExpiry(shortWia,
                keyAttestation(IssuerFixture.WALLET_PROVIDER, NOW.plus(Duration.ofDays(30)), NOW.plus(Duration.ofDays(60))),
                Duration.ofDays(30), NOW));
        assertEquals(Instant.parse("2026-12-21T00:00:00Z"), CredentialIssuance.credentialExpiry(liveToken(),
                keyAttestation(IssuerFixture.WALLET_PROVIDER, NOW.plus(Duration.ofDays(40)), NOW.plus(Duration.ofDays(20))),
                Duration.ofDays(30), NOW), "the KA's exp (2026-12-21T10:00Z), rounded down to its day");
    }

    @Test
    void aCredentialsTimeClaimsAreTheStartOfTheirUtcDayAndNeverPastTheLimits() throws Exception {
        assertEquals(Instant.parse("2026-12-01T00:00:00Z"), CredentialIssuance.issuedAtClaim(NOW));
        assertEquals(Instant.parse("2026-12-01T00:00:00Z"), CredentialIssuance.issuedAtClaim(Instant.parse("2026-12-01T23:59:59Z")));
        Instant expiry = CredentialIssuance.credentialExpiry(liveToken(), keyAttestation(IssuerFixture.WALLET_PROVIDER,
                NOW.plus(Duration.ofDays(40)), NOW.plus(Duration.ofDays(60))), Duration.ofDays(30), NOW);
        assertEquals(Instant.parse("2026-12-31T00:00:00Z"), expiry, "now + 30 days, rounded down");
        // a status maintained until 1 a.m. tomorrow leaves midnight, two hours after now: still an hour's validity
        Instant late = Instant.parse("2026-12-01T22:00:00Z");
        assertEquals(Instant.parse("2026-12-02T00:00:00Z"), CredentialIssuance.credentialExpiry(liveToken(), keyAttestation(
                IssuerFixture.WALLET_PROVIDER, Instant.parse("2026-12-02T01:00:00Z"), NOW.plus(Duration.ofDays(60))), Duration.ofDays(30), late));
        assertRefusedFor(Reason.LIFETIME_TOO_SHORT, () -> CredentialIssuance.credentialExpiry(liveToken(), keyAttestation(
                IssuerFixture.WALLET_PROVIDER, Instant.parse("2026-12-02T01:00:00Z"), NOW.plus(Duration.ofDays(60))), Duration.ofDays(30),
                Instant.parse("2026-12-01T23:30:00Z")));
        // a WIA maintained three hours more: the day would be past, so the hour
        AccessToken threeHours = token(IssuerFixture.WALLET_PROVIDER, null, null, NOW.plus(Duration.ofHours(3)), NOW.plusSeconds(600));
        assertEquals(Instant.parse("2026-12-01T12:00:00Z"), CredentialIssuance.credentialExpiry(threeHours, keyAttestation(
                IssuerFixture.WALLET_PROVIDER, NOW.plus(Duration.ofDays(30)), NOW.plus(Duration.ofDays(60))), Duration.ofDays(30), NOW));
    }
}
