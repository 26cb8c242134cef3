package org.undersigned.letter.ui;

import com.vaadin.flow.component.select.Select;
import org.undersigned.account.Membership;
import org.undersigned.account.OrganisationService;
import org.undersigned.letter.Languages;

/** The fields a new letter starts with, shared by "New letter" and "Import a letter". */
final class LetterFields {

    private LetterFields() {}

    static Select<String> language() {
        var language = new Select<String>();
        language.setLabel("Language of the text");
        language.setItems(Languages.COMMON);
        language.setItemLabelGenerator(Languages::label);
        language.setValue("en");
        return language;
    }

    /** The person's organisations, the first one chosen. */
    static Select<Membership> publisher(OrganisationService organisations) {
        var publisher = new Select<Membership>();
        publisher.setLabel("Publishing organisation");
        publisher.setItems(organisations.myOrganisations());
        publisher.setItemLabelGenerator(Membership::organisationName);
        publisher.getListDataView().getItems().findFirst().ifPresent(publisher::setValue);
        return publisher;
    }
}
