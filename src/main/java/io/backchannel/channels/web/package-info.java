/**
 * The channels module's pages and APIs: imports of the platforms' data downloads, the connectors' admin list and
 * forms, staff manual entry, and the inbound webhook API.
 */
@NullMarked
package io.backchannel.channels.web;

import org.jspecify.annotations.NullMarked;
