/**
 * The connectors' machinery: configured connectors with encrypted credentials, cursors and health, the store of heard
 * posts (once per connector and platform id), archiving of what was heard and said, and sending replies back.
 */
@NullMarked
package io.backchannel.channels.internal;

import org.jspecify.annotations.NullMarked;
