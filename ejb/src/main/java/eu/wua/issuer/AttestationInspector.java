package eu.wua.issuer;

import static eu.wua.platform.JsonFactory.JSON;

import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonGenerator;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.jose4j.lang.JoseException;

import eu.wua.issuer.IssuanceRejection.Reason;
import eu.wua.platform.EudiTs3;
import eu.wua.platform.JsonLimits;
import eu.wua.platform.OAuthClientAttestation;
import eu.wua.platform.OpenId4Vci;
import eu.wua.platform.PlatformKeyPurpose;
import eu.wua.platform.PlatformKeys;
import eu.wua.platform.SdJwtVc;

/**
 * The console's attestation inspector: decodes what a wallet sent (a WIA, {@code WIA~PoP}, a Key
 * Attestation, a proof JWT or an SD-JWT VC) and runs the issuer's own verifiers over it as an
 * inspection ({@link Checks#forInspection}): every check with pass or fail and its reason, and
 * nothing changed (no nonce used up, no KA or jti marked used).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class AttestationInspector {

    /** What was pasted, as recognised from its shape and {@code typ}. */
    public enum Kind { WIA, WIA_WITH_POP, POP, KEY_ATTESTATION, PROOF, SD_JWT_VC, UNKNOWN }

    /** One decoded JWT: its role, header and payload pretty-printed. */
    public record Part(String label, String header, String payload) {
    }

    public record Inspection(Kind kind, List<Part> parts, List<String> disclosures, List<Checks.Check> checks, String verdict) {
        public boolean passed() {
            return !checks.isEmpty() && checks.stream().allMatch(c -> c.outcome() == Checks.Outcome.PASSED);
        }
    }

    /** The strict KA rule: only the TS3 typ, spelt without the hyphen. */
    public static final List<String> STRICT_KEY_ATTESTATION_TYPES = List.of(EudiTs3.KEY_ATTESTATION_TYPE);

    private static final int MAX_INPUT = 64 * 1024;

    @PersistenceContext(unitName = "wua")
    private EntityManager em;

    @Inject
    private ClientAttestationVerifier clientAttestations;

    @Inject
    private KeyAttestationVerifier keyAttestations;

    @Inject
    private CredentialProofs proofs;

    @Inject
    private PlatformKeys platformKeys;

    @Inject
    private Clock clock;

    public Inspection inspect(String input, String configurationId, boolean strictKeyAttestationType) {
        String text = input == null ? "" : input.strip();
        if (text.isEmpty() || text.length() > MAX_INPUT) {
            return new Inspection(Kind.UNKNOWN, List.of(), List.of(), List.of(), "Paste one JWT, WIA~PoP or SD-JWT VC of at most 64 KiB.");
        }
        CredentialConfiguration configuration = configurationId == null || configurationId.isBlank() ? null
                : em.find(CredentialConfiguration.class, configurationId);
        if (configuration == null) {
            return new Inspection(Kind.UNKNOWN, List.of(), List.of(), List.of(), configurationId == null || configurationId.isBlank()
                    ? "Choose the credential configuration to inspect it for." : "No credential configuration " + configurationId + ".");
        }
        Instant now = clock.instant();
        Checks checks = Checks.forInspection(strictKeyAttestationType ? STRICT_KEY_ATTESTATION_TYPES : null);
        String[] pieces = text.split("~", -1);
        List<Part> parts = new ArrayList<>();
        List<String> disclosures = new ArrayList<>();
        Kind kind = Kind.UNKNOWN;
        try {
            if (pieces.length == 2 && OAuthClientAttestation.ATTESTATION_TYPE.equals(typ(pieces[0])) && !pieces[1].isEmpty()) {
                kind = Kind.WIA_WITH_POP;
                parts.add(decode("WIA", pieces[0]));
                parts.add(decode("PoP", pieces[1]));
                clientAttestations.verify(pieces[0], pieces[1], now, checks);
            } else if (pieces.length > 1) {
                kind = Kind.SD_JWT_VC;
                parts.add(decode("SD-JWT VC (issuer-signed JWT)", pieces[0]));
                for (int i = 1; i < pieces.length; i++) {
                    if (!pieces[i].isEmpty() && pieces[i].split("\\.").length == 3) {
                        parts.add(decode("Key binding JWT", pieces[i]));
                    } else if (!pieces[i].isEmpty()) {
                        disclosures.add(utf8(pieces[i]));
                    }
                }
                checkSdJwtVc(pieces, platformKeys.certificateChain(PlatformKeyPurpose.CREDENTIAL_SIGNING).get(0).getPublicKey(), now, checks);
            } else {
                String typ = typ(text);
                kind = switch (typ == null ? "" : typ) {
                    case OAuthClientAttestation.ATTESTATION_TYPE -> Kind.WIA;
                    case OAuthClientAttestation.POP_TYPE -> Kind.POP;
                    case OpenId4Vci.PROOF_TYPE -> Kind.PROOF;
                    case OpenId4Vci.KEY_ATTESTATION_TYPE, EudiTs3.KEY_ATTESTATION_TYPE -> Kind.KEY_ATTESTATION;
                    default -> typ != null && typ.contains("attestation") && !typ.contains("client") ? Kind.KEY_ATTESTATION : Kind.UNKNOWN;
                };
                parts.add(decode(label(kind), text));
                if (kind == Kind.PROOF && header(text).get("key_attestation") instanceof String ka) {
                    parts.add(decode("Key Attestation (key_attestation header)", ka));
                }
                switch (kind) {
                    case WIA -> clientAttestations.verify(text, null, now, checks);
                    case KEY_ATTESTATION -> keyAttestations.verify(text, configuration, now, checks);
                    case PROOF -> proofs.verifyJwtProof(text, configuration, now, checks);
                    default -> { }
                }
            }
        } catch (IssuanceRejection e) {
            return new Inspection(kind, parts, disclosures, checks.all(),
                    "The issuer would refuse this with " + e.reason().wireCode() + " (" + e.reason().name() + "): " + e.getMessage());
        } catch (JoseException | JsonException | IllegalArgumentException | ClassCastException e) {
            return new Inspection(kind, parts, disclosures, checks.all(), "Not a decodable JWT: " + e.getMessage());
        }
        String verdict = switch (kind) {
            case POP -> "A PoP alone cannot be checked: paste WIA~PoP.";
            case UNKNOWN -> "Not a WIA, PoP, Key Attestation, proof or SD-JWT VC: nothing to check.";
            default -> "Every check passed.";
        };
        return new Inspection(kind, parts, disclosures, checks.all(), verdict);
    }

    private static String label(Kind kind) {
        return switch (kind) {
            case WIA -> "WIA";
            case POP -> "PoP";
            case KEY_ATTESTATION -> "Key Attestation";
            case PROOF -> "Proof JWT";
            default -> "JWT";
        };
    }

    /**
     * Our own credentials, checked as a relying party would: signed by this issuer's credential key,
     * every disclosure's digest in the payload, not expired.
     */
    /** {@code issuerKey}: the public key of this issuer's credential signing key. */
    static void checkSdJwtVc(String[] pieces, PublicKey issuerKey, Instant now, Checks checks) throws IssuanceRejection {
        ReceivedJwt jwt = checks.check("SD-JWT VC: issuer-signed JWT decodes", () -> ReceivedJwt.parse(pieces[0], MAX_INPUT,
                ReceivedJwt.Kind.SD_JWT_VC));
        checks.check("SD-JWT VC: typ " + SdJwtVc.TYPE, () -> jwt.requireType(SdJwtVc.TYPE));
        checks.check("SD-JWT VC: signed by this issuer's credential key", () -> jwt.verifySignature(issuerKey));
        String payload = checks.check("SD-JWT VC: claims are JSON", () -> jwt.claims().toJson());
        checks.check("SD-JWT VC: every disclosure's digest is in the payload", () -> {
            for (int i = 1; i < pieces.length; i++) {
                if (!pieces[i].isEmpty() && pieces[i].split("\\.").length != 3 && !payload.contains("\"" + sha256(pieces[i]) + "\"")) {
                    throw new IssuanceRejection(Reason.SD_JWT_VC_DISCLOSURE, "disclosure " + i + " is not referenced by any _sd digest");
                }
            }
        });
        checks.check("SD-JWT VC: not expired", () -> jwt.requireNotExpired(now, Duration.ZERO));
    }

    private static String typ(String compact) throws JoseException {
        Object typ = header(compact).get("typ");
        return typ instanceof String t ? t : null;
    }

    private static Map<String, Object> header(String compact) throws JoseException {
        String[] segments = compact.split("\\.", -1);
        if (segments.length != 3) {
            throw new IllegalArgumentException("a JWT has three dot-separated parts, this has " + segments.length);
        }
        String header = utf8(segments[0]);
        if (!JsonLimits.withinDepth(header)) {
            throw new IllegalArgumentException("the header nests deeper than " + JsonLimits.MAX_DEPTH + " levels");
        }
        return org.jose4j.json.JsonUtil.parseJson(header);
    }

    private static Part decode(String label, String compact) {
        String[] segments = compact.split("\\.", -1);
        if (segments.length != 3) {
            throw new IllegalArgumentException(label + " is not a JWT (three dot-separated parts)");
        }
        return new Part(label, pretty(utf8(segments[0])), pretty(utf8(segments[1])));
    }

    private static String utf8(String base64url) {
        return new String(Base64.getUrlDecoder().decode(base64url), StandardCharsets.UTF_8);
    }

    private static String pretty(String json) {
        if (!JsonLimits.withinDepth(json)) {
            return json; // shown as it came: a parser would recurse as deep as it nests
        }
        try {
            JsonValue value = JSON.createReader(new StringReader(json)).readValue();
            StringWriter out = new StringWriter();
            try (var writer = JSON.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true)).createWriter(out)) {
                writer.write(value);
            }
            return out.toString().strip();
        } catch (JsonException e) {
            return json;
        }
    }

    private static String sha256(String disclosure) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(disclosure.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
