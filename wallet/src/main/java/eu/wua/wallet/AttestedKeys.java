package eu.wua.wallet;

import java.util.List;

/** Keys generated in the remote WSCD and the Key Attestation that vouches for all of them, in order. */
public record AttestedKeys(List<RemoteKey> keys, String keyAttestation) {
}
