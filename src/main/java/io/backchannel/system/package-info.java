/**
 * The shared base every module builds on: layout, security, internationalisation, error pages, outgoing mail, rate
 * limits and the embedded database. Depends on no other module.
 */
@NullMarked
package io.backchannel.system;

import org.jspecify.annotations.NullMarked;
