package eu.wua.issuer;

import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.interceptor.Interceptor;
import jakarta.json.JsonObject;

import eu.wua.wscd.WscdException;
import eu.wua.wscd.WscdUnavailable;

/**
 * The HSM failing in the middle of a batch, for BatchAtomicityIT's deployment only: once armed, the
 * n-th signature fails as a lost HSM would; every other one is the real signature in the WSCD.
 */
@ApplicationScoped
@Alternative
@Priority(Interceptor.Priority.APPLICATION + 100)
public class FailingCredentialSigner extends CredentialSigner {

    private static final AtomicInteger COUNTDOWN = new AtomicInteger(-1);

    /** The {@code n}-th signature from now fails, once. */
    static void failAt(int n) {
        COUNTDOWN.set(n);
    }

    @Override
    public String sign(JsonObject header, JsonObject payload) throws WscdException {
        if (COUNTDOWN.get() > 0 && COUNTDOWN.decrementAndGet() == 0) {
            throw new WscdUnavailable("the HSM went away (simulated by the test)", null);
        }
        return super.sign(header, payload);
    }
}
