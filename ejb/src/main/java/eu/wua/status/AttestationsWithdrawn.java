package eu.wua.status;

/**
 * Announced, in the transaction that revokes them, when attestations whose status entries others
 * rely on are withdrawn: a wallet instance's WIAs and KAs, or the KAs of a withdrawn key store
 * certification. {@link RevocationCascades} starts the cascade that revokes what rests on them.
 */
public record AttestationsWithdrawn(RevocationJob.Kind kind, String target, String reason, String actor) {
}
