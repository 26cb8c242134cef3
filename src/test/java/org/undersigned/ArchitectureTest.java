package org.undersigned;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.Dependency.Predicates.dependencyTarget;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.conditions.ArchConditions.onlyHaveDependenciesWhere;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.springframework.stereotype.Repository;

/**
 * The package rules of docs/decisions/0001-package-layout.md, checked on the compiled main code.
 */
@AnalyzeClasses(packages = "org.undersigned", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String[] FEATURES = {
        "org.undersigned.account..",
        "org.undersigned.letter..",
        "org.undersigned.signing..",
        "org.undersigned.publication..",
        "org.undersigned.mail..",
        "org.undersigned.audit..",
        "org.undersigned.security.."
    };

    @ArchTest
    static final ArchRule featureSlicesAreFreeOfCycles =
            slices().matching("org.undersigned.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule baseDependsOnNoFeature = noClasses()
            .that()
            .resideInAPackage("org.undersigned.base..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(FEATURES)
            .because("base holds what every feature shares, so it cannot know any of them");

    /**
     * The one dependency of non-view code on a view: Vaadin's security configurer needs the login
     * view's class (docs/decisions/0011-security-config-names-the-login-view.md).
     */
    private static final DescribedPredicate<Dependency> SECURITY_CONFIG_NAMING_THE_LOGIN_VIEW = describe(
            "SecurityConfig naming LoginView",
            d -> d.getOriginClass().getFullName().equals("org.undersigned.security.SecurityConfig")
                    && d.getTargetClass().getFullName().equals("org.undersigned.security.ui.LoginView"));

    @ArchTest
    static final ArchRule onlyViewsDependOnViews = classes()
            .that()
            .resideInAPackage("org.undersigned..")
            .and()
            .resideOutsideOfPackage("org.undersigned..ui..")
            .should(onlyHaveDependenciesWhere(dependencyTarget(not(resideInAPackage("org.undersigned..ui..")))
                    .or(SECURITY_CONFIG_NAMING_THE_LOGIN_VIEW)))
            .because("domain code and services work without the Vaadin views");

    @ArchTest
    static final ArchRule repositoriesAreNotPublic = classes()
            .that()
            .areAnnotatedWith(Repository.class)
            .should()
            .notBePublic()
            .because("SQL stays inside its feature; other code goes through the feature's services");
}
