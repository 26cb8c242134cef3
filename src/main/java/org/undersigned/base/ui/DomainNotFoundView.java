package org.undersigned.base.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import jakarta.servlet.http.HttpServletResponse;
import org.undersigned.base.NotFoundException;

/** A service said "not found" while a view was opening: shown exactly like a missing page. */
@PageTitle("Not found — Undersigned")
@AnonymousAllowed
public class DomainNotFoundView extends PublicPage implements HasErrorParameter<NotFoundException> {

    public DomainNotFoundView() {
        super("Not found");
        addToCard(new Paragraph("There is nothing here, or you cannot see it."), new Anchor("", "Back to the start"));
    }

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<NotFoundException> parameter) {
        return HttpServletResponse.SC_NOT_FOUND;
    }
}
