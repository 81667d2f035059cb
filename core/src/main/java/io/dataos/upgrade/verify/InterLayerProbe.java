package io.dataos.upgrade.verify;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

/** Proves one layer reaches another: a TCP connect, or an HTTP GET judged like a health check. */
final class InterLayerProbe implements Probe<InterLayerCheck> {

    @Override
    public Outcome probe(InterLayerCheck check, ProbeContext context) throws Exception {
        if (!check.isTcp()) {
            Outcome http = HttpProbe.get(context, check.url(), check.expectStatus(), null, null, check.timeout());
            return new Outcome(http.status(), check.direction() + ": " + http.message(), http.evidence());
        }
        String target = check.tcpHost() + ":" + check.tcpPort();
        int timeoutMillis = (int) Math.min(Integer.MAX_VALUE, check.timeout().toMillis());
        long started = System.nanoTime();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(check.tcpHost(), check.tcpPort()), timeoutMillis);
            long millis = (System.nanoTime() - started) / 1_000_000;
            return Outcome.passed(check.direction() + ": TCP connection to " + target + " opened in " + millis
                    + " ms", "tcp connect " + target + " → connected from " + socket.getLocalSocketAddress()
                    + " in " + millis + " ms");
        } catch (UnknownHostException e) {
            return Outcome.failed(check.direction() + ": host " + check.tcpHost() + " does not resolve",
                    "tcp connect " + target + " → UnknownHostException");
        } catch (SocketTimeoutException e) {
            return Outcome.failed(check.direction() + ": no TCP connection to " + target + " within "
                    + DurationText.format(check.timeout()), "tcp connect " + target + " → timed out");
        } catch (ConnectException e) {
            return Outcome.failed(check.direction() + ": TCP connection to " + target + " refused",
                    "tcp connect " + target + " → " + e.getMessage());
        } catch (IOException e) {
            return Outcome.failed(check.direction() + ": TCP connection to " + target + " failed: "
                    + e.getClass().getSimpleName(), "tcp connect " + target + " → " + e);
        }
    }
}
