package eu.wua.status;

import java.util.List;

/**
 * The status entries a cascade starts from, as the capability whose attestations they are states
 * them (the Wallet Provider: a wallet instance's WIAs and KAs, a certification's KAs), each as the
 * issuer's credentials name it (list URI and index).
 */
public interface CascadeCauses {

    List<StatusReference> causes(RevocationJob.Kind kind, String target);
}
