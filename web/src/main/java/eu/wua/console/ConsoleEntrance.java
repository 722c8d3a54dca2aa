package eu.wua.console;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** {@code /console} leads to the console's dashboard (which asks for sign-in first); {@code /} is {@link eu.wua.platform.RootResource}'s. */
@WebFilter(urlPatterns = {"/console", "/console/"})
public class ConsoleEntrance extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        response.sendRedirect(request.getContextPath() + "/console/index.xhtml");
    }
}
