package eu.wua.walletprovider;

import static eu.wua.platform.JsonFactory.JSON;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;

import jakarta.json.JsonObject;

import eu.wua.platform.OAuthClientAttestation;
import eu.wua.status.StatusListEntry;

/**
 * The one class that knows the WIA's layout ({@code oauth-client-attestation+jwt}): ABCA-07 §5.1
 * with the TS3 v1.5 §2.3.1 claims. The platform issues {@code iss} too; verifiers must not need it.
 */
public final class WalletInstanceAttestationFormat {


    private WalletInstanceAttestationFormat() {
    }

    /** x5c holds the signing certificate only: the trust anchor stays out (TS3 §2.2.1.2, HAIP §4.4.1). */
    public static JsonObject header(X509Certificate signingCertificate) {
        try {
            return JSON.createObjectBuilder()
                    .add("typ", OAuthClientAttestation.ATTESTATION_TYPE)
                    .add("alg", "ES256")
                    .add("x5c", JSON.createArrayBuilder().add(Base64.getEncoder().encodeToString(signingCertificate.getEncoded())))
                    .build();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("the Wallet Provider's certificate cannot be encoded", e);
        }
    }

    public static JsonObject payload(WalletProviderSettings settings, JsonObject instanceKeyJwk, Instant issuedAt,
            Instant expiresAt, StatusListEntry.Position status, Instant statusMaintainedUntil) {
        return JSON.createObjectBuilder()
                .add("iss", settings.identifier())
                .add("sub", settings.clientId())
                .add("iat", issuedAt.getEpochSecond())
                .add("exp", expiresAt.getEpochSecond())
                .add("cnf", JSON.createObjectBuilder().add("jwk", instanceKeyJwk))
                .add("wallet_name", settings.walletName())
                .add("wallet_version", settings.walletVersion())
                .add("wallet_solution_certification_information", settings.certificationInformation())
                // TS3 §2.3.1: the status reference, and until when the Wallet Provider maintains it (§2.4.1)
                .add("client_status", JSON.createObjectBuilder()
                        .add("status", JSON.createObjectBuilder().add("status_list", JSON.createObjectBuilder()
                                .add("idx", status.index())
                                .add("uri", settings.statusListUri(status.listId()))))
                        .add("exp", statusMaintainedUntil.getEpochSecond()))
                .build();
    }
}
