package org.undersigned.base.ui;

import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Footer;
import com.vaadin.flow.component.html.Header;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.Scroller;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.AfterNavigationEvent;
import com.vaadin.flow.router.AfterNavigationObserver;
import com.vaadin.flow.router.Layout;
import com.vaadin.flow.server.menu.MenuConfiguration;
import com.vaadin.flow.server.menu.MenuEntry;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.PermitAll;
import org.undersigned.base.AppRoles;
import org.undersigned.base.CurrentUser;

/**
 * The frame of the signed-in app: the brand, the side navigation built from the views' {@code
 * @Menu} entries (Vaadin leaves out those the person may not open), who is signed in, and a
 * banner that asks an administrator to confirm their second factor.
 */
@Layout
@PermitAll
public class MainLayout extends AppLayout implements AfterNavigationObserver {

    private final Div banner = new Div();
    private final SideNav nav = new SideNav();
    private final SideNav adminNav = new SideNav();

    MainLayout(AuthenticationContext authentication) {
        setPrimarySection(Section.DRAWER);
        addClassName("us-app");

        var brand = new Anchor("", "Undersigned");
        brand.addClassName("us-brand");
        nav.addClassName("us-nav");
        adminNav.setLabel("Administration");
        adminNav.addClassName("us-nav");

        var who = new Span(CurrentUser.get().map(u -> u.displayName()).orElse(""));
        who.addClassName("us-who");
        var signOut = new Button("Sign out", VaadinIcon.SIGN_OUT.create(), e -> authentication.logout());
        signOut.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        var footer = new Footer(who, signOut);
        footer.addClassName("us-drawer-footer");

        addToDrawer(new Header(brand), new Scroller(new com.vaadin.flow.component.html.Div(nav, adminNav)), footer);

        var toggle = new DrawerToggle();
        toggle.setAriaLabel("Menu");
        var title = new Span("Undersigned");
        title.addClassName("us-navbar-title");
        addToNavbar(true, toggle, title);

        banner.addClassName("us-banner");
        banner.setVisible(false);
        addToNavbar(banner);
    }

    @Override
    public void afterNavigation(AfterNavigationEvent event) {
        nav.removeAll();
        adminNav.removeAll();
        for (MenuEntry entry : MenuConfiguration.getMenuEntries()) {
            (entry.path().startsWith("admin/") ? adminNav : nav).addItem(item(entry));
        }
        adminNav.setVisible(adminNav.getItems().size() > 0);
        boolean pending = CurrentUser.hasRole(AppRoles.ADMIN_PENDING_SECOND_FACTOR);
        banner.removeAll();
        if (pending && !event.getLocation().getPath().startsWith("account/second-factor")) {
            banner.add(
                    new Span("You are an administrator. Confirm your second factor to use the administration pages. "),
                    new Anchor("account/second-factor", "Confirm now"));
            banner.setVisible(true);
        } else {
            banner.setVisible(false);
        }
    }

    private static SideNavItem item(MenuEntry entry) {
        var item = new SideNavItem(entry.title(), entry.path());
        item.setMatchNested(true);
        if (entry.icon() != null) {
            item.setPrefixComponent(VaadinIcon.valueOf(entry.icon()).create());
        }
        return item;
    }
}
