package org.undersigned.base.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.AccessDeniedException;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Vaadin's view access control refused a signed-in person a view (a non-administrator opening
 * an administration page): shown exactly like a missing page, so that nobody learns which pages
 * exist for others. Without it, Vaadin's own "access denied" page would answer instead.
 */
@PageTitle("Not found — Undersigned")
@AnonymousAllowed
public class RouteDeniedView extends PublicPage implements HasErrorParameter<AccessDeniedException> {

    public RouteDeniedView() {
        super("Not found");
        addToCard(new Paragraph("There is nothing here, or you cannot see it."), new Anchor("", "Back to the start"));
    }

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<AccessDeniedException> parameter) {
        return HttpServletResponse.SC_NOT_FOUND;
    }
}
