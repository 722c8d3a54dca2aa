package eu.wua.status;

import java.util.Collection;
import java.util.List;

/**
 * The credentials a cascade revokes, found by the capability that issued them (the issuer) in its
 * own table: those issued on a Wallet Provider's attestations, or resting on given WIA or KA status
 * entries. Each is handed back as its own status entry, in id order after a cursor.
 */
public interface RevocableCredentials {

    /** A credential's id and its own entry in the issuer's status list. */
    record Entry(String credentialId, String statusListId, int statusIndex) {
    }

    long countIssuedOn(String walletProviderId);

    List<Entry> issuedOn(String walletProviderId, String afterId, int max);

    long countRestingOn(Collection<StatusReference> causes);

    List<Entry> restingOn(Collection<StatusReference> causes, String afterId, int max);
}
