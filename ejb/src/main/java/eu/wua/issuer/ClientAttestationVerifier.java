package eu.wua.issuer;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;

import eu.wua.issuer.IssuanceRejection.Reason;
import eu.wua.platform.EcPublicKeys;
import eu.wua.platform.OAuthClientAttestation;
import eu.wua.status.StatusListEntry;
import eu.wua.status.StatusLookup;
import eu.wua.status.StatusReference;
import eu.wua.status.StatusUnknown;
import eu.wua.trust.TrustedChain;
import eu.wua.trust.UntrustedChain;
import eu.wua.trust.WalletProviderTrust;

/**
 * Attestation-based client authentication at the token endpoint (ABCA-07 §9, in the order of
 * wia-and-client-auth.md §7): the WIA, then its PoP. Each check is a named method that fails with
 * its own reason. The WIA's {@code iss} is never required (TS3 drops it); a PoP {@code iss} must be the WIA {@code sub}.
 */
@Dependent
public class ClientAttestationVerifier {

    static final int MAX_LENGTH = 16 * 1024;

    private final WalletProviderTrust trustList;
    private final StatusLookup statusLists;
    private final SingleUse singleUse;
    private final VerificationSettings settings;

    @Inject
    public ClientAttestationVerifier(WalletProviderTrust trustList, StatusLookup statusLists, SingleUse singleUse,
            VerificationSettings settings) {
        this.trustList = trustList;
        this.statusLists = statusLists;
        this.singleUse = singleUse;
        this.settings = settings;
    }

    /** A wallet instance the WIA vouches for and whose key signed the PoP. */
    public record AttestedClient(String walletProviderId, String subject, PublicJsonWebKey instanceKey, String thumbprint,
            Optional<StatusReference> status, Instant statusMaintainedUntil) {
    }

    public AttestedClient verify(String wia, String pop, Instant now) throws IssuanceRejection {
        return verify(wia, pop, now, Checks.forIssuance());
    }

    /** The same steps, each recorded in {@code checks}; an inspection records no PoP jti. */
    public AttestedClient verify(String wia, String pop, Instant now, Checks checks) throws IssuanceRejection {
        return verify(wia, pop, now, checks, true);
    }

    /**
     * The client attestation sent with an access token at the credential endpoint: every step but
     * the WIA's status, which the credential endpoint reads from the reference the token keeps
     * (a revoked WIA is {@code credential_request_denied} there, not {@code invalid_client}).
     */
    public AttestedClient verifyTokenHolder(String wia, String pop, Instant now) throws IssuanceRejection {
        return verify(wia, pop, now, Checks.forIssuance(), false);
    }

    private AttestedClient verify(String wia, String pop, Instant now, Checks checks, boolean readStatus) throws IssuanceRejection {
        ReceivedJwt wiaJwt = checks.check("WIA: one compact JWT", () -> parse(wia, OAuthClientAttestation.ATTESTATION_HEADER, Reason.CLIENT_ATTESTATION_MISSING,
                ReceivedJwt.Kind.WIA));
        checks.check("WIA: typ " + OAuthClientAttestation.ATTESTATION_TYPE, () -> wiaJwt.requireType(OAuthClientAttestation.ATTESTATION_TYPE));
        checks.check("WIA: alg ES256/384/512", () -> wiaJwt.requireAlgorithm(ReceivedJwt.WALLET_PROVIDER_ALGORITHMS));
        TrustedChain chain = checks.check("WIA: x5c chains to a trusted Wallet Provider", () -> requireTrustedChain(wiaJwt, now));
        checks.check("WIA: signature by the x5c leaf", () -> wiaJwt.verifySignature(chain.leaf().getPublicKey()));
        JwtClaims claims = checks.check("WIA: claims are JSON", () -> wiaJwt.claims());
        PublicJsonWebKey instanceKey = checks.check("WIA: sub and cnf.jwk", () -> requireSubjectAndKey(claims));
        checks.check("WIA: not expired", () -> wiaJwt.requireNotExpired(now, settings.clockSkew()));
        checks.check("WIA: fresh enough", () -> wiaJwt.requireNotStale(now, settings.clockSkew(), settings.wiaMaxAge(),
                Reason.CLIENT_ATTESTATION_STALE, "get a fresh one from the Wallet Provider"));
        Optional<StatusReference> status = checks.check("WIA: status reference well-formed", () -> statusReference(claims));

        ReceivedJwt popJwt = checks.check("PoP: one compact JWT", () -> parse(pop, OAuthClientAttestation.POP_HEADER, Reason.POP_MISSING, ReceivedJwt.Kind.POP));
        checks.check("PoP: typ " + OAuthClientAttestation.POP_TYPE, () -> popJwt.requireType(OAuthClientAttestation.POP_TYPE));
        checks.check("PoP: alg ES256/384/512", () -> popJwt.requireAlgorithm(ReceivedJwt.WALLET_PROVIDER_ALGORITHMS));
        checks.check("PoP: signature by the WIA's cnf.jwk", () -> popJwt.verifySignature(instanceKey.getPublicKey()));
        JwtClaims popClaims = checks.check("PoP: claims are JSON", () -> popJwt.claims());
        checks.check("PoP: aud is this issuer", () -> popJwt.requireAudience(settings.issuerIdentifier()));
        checks.check("PoP: iat recent", () -> popJwt.requireRecentIssuedAt(now, settings.clockSkew(), settings.proofMaxAge()));
        String subject = (String) claims.getClaimValue("sub");
        checks.check("PoP: iss is the WIA's sub", () -> requirePopIssuerIsWiaSubject(popClaims, subject));
        String thumbprint = instanceKey.calculateBase64urlEncodedThumbprint("SHA-256");
        checks.check("PoP: jti never used", () -> requireUnusedJti(popClaims, thumbprint, now, checks));

        if (readStatus) {
            checks.check("WIA: not revoked (Wallet Provider's status list)", () -> requireNotRevoked(status, chain.walletProviderId(), now));
        }
        return new AttestedClient(chain.walletProviderId(), subject, instanceKey, thumbprint, status, statusMaintainedUntil(claims));
    }

    private static ReceivedJwt parse(String compact, String header, Reason missing, ReceivedJwt.Kind kind) throws IssuanceRejection {
        if (compact == null || compact.isBlank()) {
            throw new IssuanceRejection(missing, "the " + header + " header is missing");
        }
        return ReceivedJwt.parse(compact, MAX_LENGTH, kind);
    }

    private TrustedChain requireTrustedChain(ReceivedJwt wia, Instant now) throws IssuanceRejection {
        try {
            return trustList.validate(wia.x5c(Reason.CLIENT_ATTESTATION_CHAIN), now);
        } catch (UntrustedChain e) {
            throw new IssuanceRejection(e.withdrawn() ? Reason.CLIENT_ATTESTATION_PROVIDER_WITHDRAWN : Reason.CLIENT_ATTESTATION_CHAIN,
                    "the client attestation is not from a trusted Wallet Provider: " + e.getMessage());
        }
    }

    private static PublicJsonWebKey requireSubjectAndKey(JwtClaims claims) throws IssuanceRejection {
        if (!(claims.getClaimValue("sub") instanceof String subject) || subject.isBlank()) {
            throw new IssuanceRejection(Reason.CLIENT_ATTESTATION_CLAIMS, "the client attestation lacks sub");
        }
        if (!(claims.getClaimValue("cnf") instanceof Map<?, ?> confirmation) || !(confirmation.get("jwk") instanceof Map<?, ?> jwk)) {
            throw new IssuanceRejection(Reason.CLIENT_ATTESTATION_CLAIMS, "the client attestation lacks cnf.jwk");
        }
        try {
            return EcPublicKeys.requireP256(jwk);
        } catch (EcPublicKeys.NotAKey e) {
            throw new IssuanceRejection(Reason.CLIENT_ATTESTATION_CLAIMS, "the client attestation's cnf.jwk is refused: " + e.getMessage());
        }
    }

    /** TS3 §2.3.1 {@code client_status.status}, or OpenID4VCI App. E's top-level {@code status}. */
    private static Optional<StatusReference> statusReference(JwtClaims claims) throws IssuanceRejection {
        try {
            Object clientStatus = claims.getClaimValue("client_status");
            Object status = clientStatus instanceof Map<?, ?> map ? map.get("status") : claims.getClaimValue("status");
            return StatusClaim.parse(status);
        } catch (StatusClaim.Malformed e) {
            throw new IssuanceRejection(Reason.CLIENT_ATTESTATION_CLAIMS, "the client attestation's status reference is malformed");
        }
    }

    /** TS3 §2.3.1 {@code client_status.exp}: how long the WIA's status is kept; its {@code exp} otherwise. */
    private static Instant statusMaintainedUntil(JwtClaims claims) throws IssuanceRejection {
        if (claims.getClaimValue("client_status") instanceof Map<?, ?> map && map.get("exp") instanceof Number exp) {
            return Instant.ofEpochSecond(exp.longValue());
        }
        try {
            return Instant.ofEpochSecond(claims.getExpirationTime().getValue());
        } catch (MalformedClaimException | NullPointerException e) {
            throw new IssuanceRejection(Reason.CLIENT_ATTESTATION_CLAIMS, "the client attestation's exp is malformed");
        }
    }

    private static void requirePopIssuerIsWiaSubject(JwtClaims pop, String subject) throws IssuanceRejection {
        Object issuer = pop.getClaimValue("iss");
        if (issuer != null && !issuer.equals(subject)) {
            throw new IssuanceRejection(Reason.POP_ISSUER, "the client attestation PoP's iss must be the WIA's sub");
        }
    }

    private void requireUnusedJti(JwtClaims pop, String thumbprint, Instant now, Checks checks) throws IssuanceRejection {
        String jti = ReceivedJwt.requireJti(pop, Reason.POP_JTI, "the client attestation PoP");
        if (singleUse.isPopJtiUsed(thumbprint, jti) || !checks.inspection() && !singleUse.usePopJti(thumbprint, jti, now)) {
            throw new IssuanceRejection(Reason.POP_JTI, "the client attestation PoP's jti was used before");
        }
    }

    private void requireNotRevoked(Optional<StatusReference> status, String walletProviderId, Instant now) throws IssuanceRejection {
        if (status.isEmpty()) {
            return;
        }
        int value;
        try {
            value = statusLists.status(status.get().uri(), status.get().index(), walletProviderId, now);
        } catch (StatusUnknown e) {
            throw new IssuanceRejection(Reason.CLIENT_ATTESTATION_STATUS_UNKNOWN, "the client attestation's status cannot be checked: "
                    + e.getMessage());
        }
        if (value != StatusListEntry.VALID) {
            throw new IssuanceRejection(Reason.CLIENT_ATTESTATION_REVOKED, "the client attestation is revoked (status " + value + ")");
        }
    }
}
