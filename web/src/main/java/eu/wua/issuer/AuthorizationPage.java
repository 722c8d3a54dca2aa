package eu.wua.issuer;

/**
 * The one class that writes the authorization endpoint's HTML: the sign-in form, the page that says
 * a request is over, and the error page. Every value is escaped; the look is the console's.
 */
final class AuthorizationPage {

    private static final String STYLE = "body{margin:0;font-family:system-ui,sans-serif;background:#f5f6f8;color:#1f2933}"
            + ".topbar{padding:.6rem 1.2rem;background:#1f3a5f;color:#fff;font-weight:600}"
            + ".card{background:#fff;margin:8vh auto;padding:2rem;border-radius:8px;box-shadow:0 2px 12px rgba(0,0,0,.08);width:22rem}"
            + "h1{font-size:1.3rem;margin:0 0 .3rem 0}.hint{color:#52606d;margin-top:0}"
            + ".field{display:flex;flex-direction:column;gap:.3rem;margin-bottom:1rem}.field input{padding:.45rem;font-size:1rem}"
            + "button,a.button{background:#1f3a5f;color:#fff;border:0;border-radius:4px;padding:.55rem 1rem;font-size:1rem;text-decoration:none}"
            + ".message{background:#fde2e1;border:1px solid #e0908c;padding:.6rem;border-radius:4px;margin-bottom:1rem}";

    private AuthorizationPage() {
    }

    static String form(Authorizations.Page page, boolean failed) {
        StringBuilder html = start("Sign in").append("<h1>").append(escape(page.title())).append("</h1>")
                .append("<p class=\"hint\">A wallet (").append(escape(shortened(page.clientId()))).append(") asks for your ")
                .append(escape(page.configurationId())).append(". Sign in to let it have one.</p>");
        page.message().ifPresent(message -> html.append("<div class=\"message\" id=\"message\"").append(failed ? " role=\"alert\"" : "")
                .append(">").append(escape(message)).append("</div>"));
        if (page.inputs().isEmpty()) {
            return handoffs(html, page).append(END).toString();
        }
        html.append("<form method=\"post\" id=\"authorize\">")
                .append("<input type=\"hidden\" name=\"session\" value=\"").append(escape(page.session())).append("\">");
        for (PersonAuthenticator.Input input : page.inputs()) {
            html.append("<div class=\"field\"><label for=\"").append(escape(input.name())).append("\">").append(escape(input.label()))
                    .append("</label><input id=\"").append(escape(input.name())).append("\" name=\"").append(escape(input.name()))
                    .append("\" type=\"").append(input.secret() ? "password" : "text").append("\" autocomplete=\"")
                    .append(input.secret() ? "current-password" : "username").append("\" required></div>");
        }
        html.append("<button type=\"submit\" id=\"submit\">Sign in</button></form>");
        return handoffs(html, page).append(END).toString();
    }

    /** The links of the authenticators that hand the person elsewhere (a wallet presenting a PID), below the form. */
    private static StringBuilder handoffs(StringBuilder html, Authorizations.Page page) {
        for (PersonAuthenticator.Handoff handoff : page.handoffs()) {
            html.append("<div class=\"handoff\"><h2>").append(escape(handoff.label())).append("</h2><p class=\"hint\">")
                    .append(escape(handoff.hint())).append("</p><p><a class=\"button\" id=\"present\" href=\"")
                    .append(escape(handoff.link())).append("\">Open your wallet</a></p></div>");
        }
        return html;
    }

    static String ended(String message, String back) {
        return start("Request ended").append("<h1>Request ended</h1><div class=\"message\" id=\"message\">").append(escape(message))
                .append("</div><p><a class=\"button\" id=\"back\" href=\"").append(escape(back)).append("\">Back to your wallet</a></p>")
                .append(END).toString();
    }

    static String error(String code, String description) {
        return start("Cannot continue").append("<h1>This request cannot continue</h1><div class=\"message\" id=\"message\">")
                .append(escape(description)).append("</div><p class=\"hint\">Error: <code id=\"error\">").append(escape(code))
                .append("</code></p>").append(END).toString();
    }

    private static final String END = "</div></body></html>";

    private static StringBuilder start(String title) {
        return new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" ")
                .append("content=\"width=device-width, initial-scale=1\"><title>WUA PID issuer · ").append(escape(title))
                .append("</title><style>").append(STYLE).append("</style></head><body><div class=\"topbar\">WUA PID issuer</div>")
                .append("<div class=\"card\">");
    }

    private static String shortened(String text) {
        return text.length() > 48 ? text.substring(0, 48) + "..." : text;
    }

    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
