package eu.wua.verifier;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import eu.wua.issuer.PersonAuthenticator;

/**
 * Re-issuance by presentation (ARF; haip-issuance.md, "Presentation of a PID this platform
 * issued"): the page links to an OpenID4VP request, the wallet presents the PID it holds, and when
 * every check passes the person is that PID's subject, so the new batch carries its identifying
 * claims. The person's browser comes back with the response code OpenID4VP's {@code direct_post}
 * hands out ({@code /issuer/authorize/resume/pid-presentation?response_code=...}).
 */
@ApplicationScoped
public class PresentationAuthenticator implements PersonAuthenticator {

    public static final String ID = "pid-presentation";
    private static final Logger LOG = Logger.getLogger(PresentationAuthenticator.class.getName());

    @Inject
    private PresentationRequests requests;

    @Inject
    @ConfigProperty(name = "wua.issuer.reissuance-by-presentation", defaultValue = "true")
    boolean enabled;

    private volatile boolean warned;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Present the PID you hold";
    }

    /** On, and the request signer's certificate names this platform's host (a wallet would refuse the requests otherwise). */
    @Override
    public boolean available() {
        if (!enabled) {
            return false;
        }
        boolean names = requests.signerNamesPublicHost();
        if (!names && !warned) {
            warned = true;
            LOG.warning("re-issuance by presentation is off: the presentation-requests certificate does not name the host of"
                    + " wua.public-base-url (re-certify the key after changing the host)");
        }
        return names;
    }

    @Override
    public List<Input> inputs() {
        return List.of();
    }

    @Override
    public Optional<AuthenticatedPerson> authenticate(Map<String, String> inputs) {
        return Optional.empty();
    }

    @Override
    public Optional<Handoff> handoff(String authorization) {
        return Optional.of(new Handoff(title(), "Already hold a PID of this provider in your wallet? Present it to get a new batch.",
                requests.create(authorization)));
    }

    @Override
    public Returned resume(String authorization, Map<String, String> parameters) {
        PresentationRequests.Result result = requests.take(authorization, parameters.get("response_code"));
        if (result instanceof PresentationRequests.Identified identified) {
            return new Vouched(new AuthenticatedPerson("pid-presentation:" + identified.keyBindingKeyId(), identified.claims()));
        }
        return new Refused(((PresentationRequests.NotIdentified) result).message());
    }
}
