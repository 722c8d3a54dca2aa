package eu.wua.issuer;

import java.time.Duration;
import java.util.List;

/**
 * What the issuer's verifiers are configured with: its identifier (the audience of PoPs and
 * proofs), the clock skew it forgives, how old a proof or PoP and a WIA may be, and the Key
 * Attestation {@code typ}s it accepts, and whether DPoP proofs must carry a server nonce. {@link IssuerSettings} produces it from configuration.
 */
public record VerificationSettings(String issuerIdentifier, Duration clockSkew, Duration proofMaxAge, Duration wiaMaxAge,
        List<String> keyAttestationTypes, boolean dpopNonceRequired) {

    public VerificationSettings {
        keyAttestationTypes = List.copyOf(keyAttestationTypes);
    }
}
