package eu.wua.verifier;

import java.util.OptionalInt;

/** The status value of a credential's Token Status List entry (0 valid, 1 revoked, 2 suspended), empty when the list is not known. */
public interface CredentialStatus {

    OptionalInt status(String uri, int index);
}
