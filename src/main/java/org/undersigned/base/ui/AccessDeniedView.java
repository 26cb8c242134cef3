package org.undersigned.base.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.access.AccessDeniedException;

/** A service refused access while a view was opening: shown like "not found", never as a stack trace. */
@PageTitle("Not found — Undersigned")
@AnonymousAllowed
public class AccessDeniedView extends PublicPage implements HasErrorParameter<AccessDeniedException> {

    public AccessDeniedView() {
        super("Not found");
        addToCard(new Paragraph("There is nothing here, or you cannot see it."), new Anchor("", "Back to the start"));
    }

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<AccessDeniedException> parameter) {
        return HttpServletResponse.SC_NOT_FOUND;
    }
}
