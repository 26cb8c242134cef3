package org.undersigned.account;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.undersigned.base.Names;

/**
 * Flyway migration V0056: fills the name skeletons (V0055) of organisations registered before
 * them; the skeletons come from ICU4J, which SQL cannot call. The oldest organisation keeps a
 * skeleton; a later one whose name already looked like an earlier one's keeps NULL there (its
 * name stays as it is) and is logged for an administrator to look at. Spring Boot hands every
 * {@link JavaMigration} bean to Flyway.
 */
@Component
class OrganisationSkeletonsMigration implements JavaMigration {

    private static final Logger log = LoggerFactory.getLogger(OrganisationSkeletonsMigration.class);

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("0056");
    }

    @Override
    public String getDescription() {
        return "fill organisation name skeletons";
    }

    @Override
    public Integer getChecksum() {
        return null;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws Exception {
        var connection = context.getConnection();
        Set<String> folded = new HashSet<>();
        Set<String> cased = new HashSet<>();
        try (PreparedStatement select =
                        connection.prepareStatement("SELECT id, name FROM organisation ORDER BY created_at, id");
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE organisation SET name_skeleton = ?, name_skeleton_cased = ? WHERE id = ?");
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                UUID id = rows.getObject(1, UUID.class);
                String name = rows.getString(2);
                String f = Names.skeleton(name);
                String c = Names.casedSkeleton(name);
                boolean clashF = !folded.add(f);
                boolean clashC = !cased.add(c);
                if (clashF || clashC) {
                    log.warn(
                            "Organisation {} has a name that looks like an older organisation's; an administrator should check it.",
                            id);
                }
                update.setString(1, clashF ? null : f);
                update.setString(2, clashC ? null : c);
                update.setObject(3, id);
                update.addBatch();
            }
            update.executeBatch();
        }
    }
}
