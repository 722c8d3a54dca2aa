package eu.wua.console;

import java.io.IOException;
import java.util.Iterator;

import jakarta.faces.FacesException;
import jakarta.faces.application.ViewExpiredException;
import jakarta.faces.context.ExceptionHandler;
import jakarta.faces.context.ExceptionHandlerFactory;
import jakarta.faces.context.ExceptionHandlerWrapper;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.event.ExceptionQueuedEvent;
import jakarta.servlet.http.HttpServletRequest;

/**
 * A form posted with a view state the server does not hold (the session ended, or the state was
 * forged) is not an error of the platform: the page is loaded afresh, by a redirect that Faces
 * sends as a partial response to an Ajax request. Before this, a garbage view state gave the 500
 * page, and its Ajax variant named {@code ViewExpiredException} to the client (issue #18).
 */
public class ExpiredViews extends ExceptionHandlerFactory {

    public ExpiredViews(ExceptionHandlerFactory wrapped) {
        super(wrapped);
    }

    @Override
    public ExceptionHandler getExceptionHandler() {
        return new Handler(getWrapped().getExceptionHandler());
    }

    static final class Handler extends ExceptionHandlerWrapper {

        Handler(ExceptionHandler wrapped) {
            super(wrapped);
        }

        @Override
        public void handle() {
            FacesContext faces = FacesContext.getCurrentInstance();
            for (Iterator<ExceptionQueuedEvent> events = getUnhandledExceptionQueuedEvents().iterator(); events.hasNext();) {
                if (isExpiredView(events.next().getContext().getException()) && !faces.getResponseComplete()) {
                    events.remove();
                    reload(faces);
                }
            }
            getWrapped().handle();
        }

        private static boolean isExpiredView(Throwable exception) {
            for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
                if (cause instanceof ViewExpiredException) {
                    return true;
                }
            }
            return false;
        }

        private static void reload(FacesContext faces) {
            ExternalContext external = faces.getExternalContext();
            HttpServletRequest request = (HttpServletRequest) external.getRequest();
            try {
                external.redirect(request.getRequestURI());
                faces.responseComplete();
            } catch (IOException e) {
                throw new FacesException("the page could not be reloaded", e);
            }
        }
    }
}
