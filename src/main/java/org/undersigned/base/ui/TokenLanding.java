package org.undersigned.base.ui;

import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.server.VaadinSession;
import java.util.Optional;

/**
 * Views reached from a link with a token ({@code /account/verify/TOKEN}) keep the token in the
 * Vaadin session and forward to the same view without it, so the token leaves the address bar,
 * the history and any later Referer at once. Opening the link changes nothing: the person acts
 * with a button.
 */
public final class TokenLanding {

    private TokenLanding() {}

    /**
     * Call from {@code beforeEnter}: with a token in the route, stores it and forwards to
     * {@code cleanPath}; without one, returns the token stored earlier, if any.
     */
    public static Optional<String> take(BeforeEnterEvent event, String key, String cleanPath) {
        VaadinSession session = VaadinSession.getCurrent();
        Optional<String> fromUrl = event.getRouteParameters().get("token");
        if (fromUrl.isPresent()) {
            session.setAttribute(attribute(key), fromUrl.get());
            event.forwardTo(cleanPath);
            return Optional.empty();
        }
        return Optional.ofNullable((String) session.getAttribute(attribute(key)));
    }

    /** Forgets the stored token (after it was used). */
    public static void forget(String key) {
        VaadinSession.getCurrent().setAttribute(attribute(key), null);
    }

    private static String attribute(String key) {
        return "undersigned.token." + key;
    }
}
