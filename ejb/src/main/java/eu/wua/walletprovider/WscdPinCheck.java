package eu.wua.walletprovider;

import java.util.Map;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import eu.wua.audit.AuditTrail;
import eu.wua.platform.SlowHash;
import eu.wua.walletprovider.WalletProviderRejection.Reason;

/**
 * The remote WSCD's user authentication: the PIN against its stored hash. Five wrong PINs in a row
 * lock the instance's keys. Runs in a transaction of its own, so that a wrong PIN counts even
 * though the request it came with is refused and rolled back.
 */
@Stateless
public class WscdPinCheck {

    public static final int MAX_WRONG_PINS = 5;

    @PersistenceContext(unitName = "wua")
    private EntityManager em;

    @Inject
    private SlowHash pinHash;

    @Inject
    private AuditTrail audit;

    /** Null when the PIN is right; otherwise the rejection to answer (the caller throws it). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public WalletProviderRejection check(String instanceId, String pin) {
        WalletInstance instance = em.find(WalletInstance.class, instanceId, LockModeType.PESSIMISTIC_WRITE);
        if (instance.isPinLocked(MAX_WRONG_PINS)) {
            return new WalletProviderRejection(Reason.PIN_LOCKED, "the WSCD keys of this instance are locked after "
                    + MAX_WRONG_PINS + " wrong PINs");
        }
        if (pin == null || !pinHash.verify(pin.toCharArray(), instance.getPinHash())) {
            int triesLeft = instance.recordWrongPin(MAX_WRONG_PINS);
            audit.record("wallet-instance:" + instanceId, "wscd.pin_wrong", instanceId, Map.of("tries_left", String.valueOf(triesLeft)));
            return triesLeft == 0
                    ? new WalletProviderRejection(Reason.PIN_LOCKED, "wrong PIN; the WSCD keys of this instance are now locked")
                    : new WalletProviderRejection(Reason.WRONG_PIN, "wrong PIN; " + triesLeft + " tries left");
        }
        instance.recordRightPin();
        return null;
    }
}
