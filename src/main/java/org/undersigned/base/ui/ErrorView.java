package org.undersigned.base.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import jakarta.servlet.http.HttpServletResponse;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shown when a view fails unexpectedly. The person sees plain words and a reference; the details
 * go to the log under that reference, never to the page.
 */
@PageTitle("Something went wrong — Undersigned")
@AnonymousAllowed
public class ErrorView extends PublicPage implements HasErrorParameter<Exception> {

    private static final Logger log = LoggerFactory.getLogger(ErrorView.class);

    public ErrorView() {
        super("Something went wrong");
    }

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<Exception> parameter) {
        String reference = UUID.randomUUID().toString().substring(0, 8);
        log.error("Unexpected error in a view (reference {})", reference, parameter.getCaughtException());
        addToCard(
                new Paragraph(
                        "We could not complete this. Nothing you entered has been lost or half-saved. Please try again in a moment."),
                new Paragraph(
                        "If it happens again, tell the platform's administrators this reference: " + reference + "."),
                new Anchor("", "Back to the start"));
        return HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
    }
}
