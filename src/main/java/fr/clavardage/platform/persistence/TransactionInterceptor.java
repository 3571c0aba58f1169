package fr.clavardage.platform.persistence;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

@InTransaction
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 200)
public class TransactionInterceptor {

    @Inject
    Transactions transactions;

    @AroundInvoke
    public Object inTransaction(InvocationContext invocation) throws Exception {
        return transactions.call(invocation::proceed);
    }
}
