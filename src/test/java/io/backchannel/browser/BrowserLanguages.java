package io.backchannel.browser;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The languages the test class's browser asks for ({@code Accept-Language}); English unless a class says so. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@interface BrowserLanguages {

    /** As Chromium's {@code intl.accept_languages} preference, for example {@code "de-DE,de"}. */
    String value();
}
