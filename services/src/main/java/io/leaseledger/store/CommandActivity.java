package io.leaseledger.store;

import java.util.function.LongSupplier;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/** Notes when the command bus last handled a command: the packet path's heartbeat. */
final class CommandActivity implements MessageHandlerInterceptor<CommandMessage<?>> {

    private final LongSupplier nanoTime;
    private volatile long lastCommandNanos;

    CommandActivity(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.lastCommandNanos = nanoTime.getAsLong() - Long.MAX_VALUE / 2;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        lastCommandNanos = nanoTime.getAsLong();
        return chain.proceed();
    }

    long lastCommandNanos() {
        return lastCommandNanos;
    }
}
