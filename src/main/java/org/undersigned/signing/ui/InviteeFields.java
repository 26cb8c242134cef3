package org.undersigned.signing.ui;

import com.vaadin.flow.component.textfield.TextField;
import java.util.LinkedHashMap;
import java.util.Map;
import org.undersigned.signing.Invitation;
import org.undersigned.signing.NewInvitee;

/** The fields of one invitee, shared by the "invite one person" form and the edit dialog. */
final class InviteeFields {

    final TextField name = new TextField("Name");
    final TextField role = new TextField("Role");
    final TextField organisation = new TextField("Organisation");
    final TextField email = new TextField("Email");
    final TextField language = new TextField("Language of the emails");

    /** By the field names the services use in their errors. */
    final Map<String, TextField> byName = new LinkedHashMap<>();

    InviteeFields() {
        byName.put("name", name);
        byName.put("role", role);
        byName.put("organisation", organisation);
        byName.put("email", email);
        byName.put("language", language);
        language.setValue("en");
    }

    TextField[] all() {
        return byName.values().toArray(TextField[]::new);
    }

    NewInvitee value() {
        return new NewInvitee(
                name.getValue(), role.getValue(), organisation.getValue(), email.getValue(), language.getValue());
    }

    void fill(Invitation i) {
        name.setValue(i.name());
        role.setValue(i.roleLine() == null ? "" : i.roleLine());
        organisation.setValue(i.organisation() == null ? "" : i.organisation());
        email.setValue(i.email());
        language.setValue(i.language());
    }

    void reset() {
        byName.values().forEach(TextField::clear);
        language.setValue("en");
    }
}
