package eu.wua.walletprovider;

import static eu.wua.platform.JsonFactory.JSON;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import eu.wua.status.StatusListEntry;

/**
 * The one class that knows the Key Attestation's two layouts: OpenID4VCI 1.0 Appendix D.1
 * ({@code key-attestation+jwt}, status in {@code status}) and the EUDI TS3 v1.5 profile (typ as
 * configured, mandatory {@code certification}, status in {@code key_storage_status} with the date
 * until which it is maintained). Neither carries {@code iss}: the signer is the x5c leaf.
 */
public final class KeyAttestationFormat {

    public static final String OPENID4VCI = "openid4vci";
    public static final String TS3 = "ts3";
    public static final String OPENID4VCI_TYPE = "key-attestation+jwt";

    /** What a KA states about its keys and their storage. */
    public record Statement(List<JsonObject> attestedKeys, String keyStorage, String userAuthentication, String certification, Optional<String> nonce,
            StatusListEntry.Position status, String statusUri, Instant issuedAt, Instant expiresAt, Instant statusMaintainedUntil) {
    }

    private KeyAttestationFormat() {
    }

    public static JsonObject header(String type, X509Certificate signingCertificate) {
        try {
            return JSON.createObjectBuilder()
                    .add("typ", type)
                    .add("alg", "ES256")
                    .add("x5c", JSON.createArrayBuilder().add(Base64.getEncoder().encodeToString(signingCertificate.getEncoded())))
                    .build();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("the Wallet Provider's certificate cannot be encoded", e);
        }
    }

    public static JsonObject payload(String profile, Statement statement) {
        JsonArrayBuilder keys = JSON.createArrayBuilder();
        statement.attestedKeys().forEach(keys::add);
        JsonObjectBuilder payload = JSON.createObjectBuilder()
                .add("iat", statement.issuedAt().getEpochSecond())
                .add("exp", statement.expiresAt().getEpochSecond())
                .add("attested_keys", keys)
                .add("key_storage", JSON.createArrayBuilder().add(statement.keyStorage()))
                // the PIN checked by the Wallet Provider is the user authentication of the remote WSCD
                .add("user_authentication", JSON.createArrayBuilder().add(statement.userAuthentication()))
                .add("certification", statement.certification());
        // OpenID4VCI App. F.1: with an issuer nonce endpoint, the KA carries the c_nonce the wallet passed
        statement.nonce().ifPresent(nonce -> payload.add("nonce", nonce));
        JsonObject statusReference = JSON.createObjectBuilder().add("status_list", JSON.createObjectBuilder()
                .add("idx", statement.status().index()).add("uri", statement.statusUri())).build();
        if (TS3.equals(profile)) {
            // TS3 §2.3.2, §2.4.1: one index per KA (§2.5.2 option 2) and until when it is maintained
            payload.add("key_storage_status", JSON.createObjectBuilder()
                    .add("status", statusReference).add("exp", statement.statusMaintainedUntil().getEpochSecond()));
        } else {
            payload.add("status", statusReference);
        }
        return payload.build();
    }
}
