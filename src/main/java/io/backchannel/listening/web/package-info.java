@NullMarked
package io.backchannel.listening.web;

import org.jspecify.annotations.NullMarked;
