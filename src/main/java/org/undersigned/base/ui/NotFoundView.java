package org.undersigned.base.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import jakarta.servlet.http.HttpServletResponse;

/**
 * "Not found", for pages that do not exist and for things a person may not see: the two look the
 * same on purpose.
 */
@PageTitle("Not found — Undersigned")
@AnonymousAllowed
public class NotFoundView extends PublicPage implements HasErrorParameter<NotFoundException> {

    public NotFoundView() {
        super("Not found");
        addToCard(new Paragraph("There is nothing here, or you cannot see it."), new Anchor("", "Back to the start"));
    }

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<NotFoundException> parameter) {
        return HttpServletResponse.SC_NOT_FOUND;
    }
}
