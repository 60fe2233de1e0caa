package io.backchannel.channels;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A minimal WebSocket server on the loopback address (RFC 6455 handshake and unmasked text frames) that sends the
 * given lines to each client, then closes the connection, and records the request path each client asked for.
 */
final class LoopbackWebSocketServer implements AutoCloseable {

    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private final ServerSocket server;
    private final List<String> lines;
    private final BlockingQueue<String> paths = new LinkedBlockingQueue<>();
    private final Thread acceptor;

    LoopbackWebSocketServer(List<String> lines) throws IOException {
        this.lines = List.copyOf(lines);
        this.server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        this.acceptor = Thread.ofVirtual().start(this::accept);
    }

    String url() {
        return "ws://127.0.0.1:" + server.getLocalPort() + "/subscribe";
    }

    String takePath() throws InterruptedException {
        String path = paths.poll(20, TimeUnit.SECONDS);
        if (path == null) {
            throw new AssertionError("No WebSocket client connected");
        }
        return path;
    }

    private void accept() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                serve(socket);
            } catch (IOException | RuntimeException e) {
                // the client went away or the server closed: wait for the next one
            }
        }
    }

    private void serve(Socket socket) throws IOException {
        var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
        String requestLine = in.readLine();
        String key = null;
        for (String header = in.readLine(); header != null && !header.isEmpty(); header = in.readLine()) {
            if (header.toLowerCase(Locale.ROOT).startsWith("sec-websocket-key:")) {
                key = header.substring(header.indexOf(':') + 1).strip();
            }
        }
        paths.add(requestLine.split(" ")[1]);
        OutputStream out = socket.getOutputStream();
        out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Accept: " + accept(key) + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        // The JDK's WebSocket client (25.0.3) can garble frames that arrive in the same read as the handshake's answer
        // when its listener is slow: under load 5 of 120 streams failed with "Invalid UTF-8 in frame TEXT" about 16 KB
        // in, none of 150 with this pause. The client recovers by reconnecting from its cursor; the tests here are
        // about
        // what it stores, so the frames follow once the handshake is read.
        pause(300);
        for (String line : lines) {
            frame(out, 0x81, line.getBytes(StandardCharsets.UTF_8));
        }
        frame(out, 0x88, new byte[] {0x03, (byte) 0xE8});
        out.flush();
        pause(200);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void frame(OutputStream out, int opcode, byte[] payload) throws IOException {
        out.write(opcode);
        if (payload.length <= 125) {
            out.write(payload.length);
        } else if (payload.length <= 0xFFFF) {
            out.write(126);
            out.write(payload.length >>> 8);
            out.write(payload.length & 0xFF);
        } else {
            out.write(127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) ((long) payload.length >>> shift) & 0xFF);
            }
        }
        out.write(payload);
    }

    private static String accept(String key) {
        try {
            return Base64.getEncoder()
                    .encodeToString(MessageDigest.getInstance("SHA-1")
                            .digest((key + GUID).getBytes(StandardCharsets.ISO_8859_1)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        acceptor.interrupt();
    }
}
