package eu.wua.console;

import java.util.Arrays;
import java.util.Map;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;

import eu.wua.audit.AuditTrail;

/**
 * Every console action asks here before it acts. The page constraints in web.xml already keep a
 * role off another role's pages; this refuses (and audits) a postback forged past them, so that
 * authorization never rests on a button being hidden.
 */
@RequestScoped
public class ConsoleGuard {

    @Inject
    private SecurityContext securityContext;

    @Inject
    private FacesContext faces;

    @Inject
    private AuditTrail audit;

    /** True when the caller has one of {@code roles}; otherwise the refusal is audited and shown. */
    public boolean permits(String action, ConsoleRole... roles) {
        if (Arrays.stream(roles).anyMatch(role -> securityContext.isCallerInRole(role.roleName()))) {
            return true;
        }
        audit.recordRejection(actor(), "console.forbidden", action, Map.of("action", action,
                "needs", String.join(",", Arrays.stream(roles).map(ConsoleRole::roleName).toList())));
        faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, "Not allowed", "Your role may not " + action + "."));
        return false;
    }

    /** How the audit trail names the signed-in user. */
    public String actor() {
        return "user:" + (securityContext.getCallerPrincipal() == null ? "anonymous" : securityContext.getCallerPrincipal().getName());
    }

    public void info(String summary, String detail) {
        faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, summary, detail));
    }

    public void error(String summary, String detail) {
        faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, summary, detail));
    }
}
