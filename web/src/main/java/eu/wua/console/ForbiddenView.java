package eu.wua.console;

import java.util.Map;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.RequestDispatcher;

import eu.wua.audit.AuditTrail;

/** The 403 page: a signed-in user asked for a page or action of another role. The attempt is recorded. */
@Named
@RequestScoped
public class ForbiddenView {

    @Inject
    private FacesContext faces;

    @Inject
    private AuditTrail audit;

    @Inject
    private ConsoleGuard guard;

    private String path;

    @PostConstruct
    void record() {
        Object uri = faces.getExternalContext().getRequestMap().get(RequestDispatcher.ERROR_REQUEST_URI);
        if (uri == null) {
            path = "";
            return; // opened directly, not as the answer to a refused request: nothing was refused
        }
        path = uri.toString();
        String method = ((jakarta.servlet.http.HttpServletRequest) faces.getExternalContext().getRequest()).getMethod();
        audit.recordRejection(guard.actor(), "console.forbidden", path, Map.of("method", method, "path", path));
    }

    public String getPath() {
        return path;
    }
}
