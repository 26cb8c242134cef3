package org.undersigned.base.ui;

import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Meta;
import com.vaadin.flow.component.page.Push;
import com.vaadin.flow.server.AppShellSettings;
import com.vaadin.flow.theme.lumo.Lumo;

/**
 * The page around every Vaadin view: Lumo plus our own plain CSS from {@code frontend/styles},
 * server push for live co-drafting, and no Referer on any request the page makes (links in
 * mails carry tokens on their first hop).
 */
@Push
@StyleSheet(Lumo.STYLESHEET)
@StyleSheet("styles/app.css")
@Meta(name = "referrer", content = "no-referrer")
public class AppShell implements AppShellConfigurator {

    @Override
    public void configurePage(AppShellSettings settings) {
        settings.setPageTitle("Undersigned");
        settings.addFavIcon("icon", "images/favicon.svg", "any");
    }
}
