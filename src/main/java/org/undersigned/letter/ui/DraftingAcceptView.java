package org.undersigned.letter.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;

/**
 * "Sign in to accept": only for signed-in people, so that the sign-in page returns here, and
 * from here to the invitation (whose token the session kept).
 */
@Route(value = "drafting/accept", autoLayout = false)
@PermitAll
public class DraftingAcceptView extends Div implements BeforeEnterObserver {

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        event.forwardTo("drafting/invitation");
    }
}
