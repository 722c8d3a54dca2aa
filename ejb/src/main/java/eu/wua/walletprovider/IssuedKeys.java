package eu.wua.walletprovider;

import java.util.List;

import jakarta.json.JsonObject;

/** Keys just generated in the WSCD ({@code kid} and public JWK each) and the Key Attestation over all of them. */
public record IssuedKeys(List<Key> keys, String keyAttestation) {

    public record Key(String kid, JsonObject jwk) {
    }
}
