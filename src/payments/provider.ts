import type { Executor } from '../platform/db.ts';
import { testProvider } from './test-provider.ts';

export interface CardDetails { number: string; expMonth: number; expYear: number; cvc: string }

export interface AuthorizeRequest {
  merchantId: string;
  /** Our payment id: the provider treats a repeat with the same id as the same authorization. */
  paymentId: string;
  amountMinor: number;
  currency: string;
  card: CardDetails;
}

export type AuthorizeResult =
  | { status: 'authorized'; ref: string; last4: string }
  | { status: 'pending'; ref: string; last4: string }
  | { status: 'declined'; ref: string; last4: string; reason: string };

/** What every card acquirer integration offers. Amounts in minor units; refs are the provider's ids. */
export interface PaymentProvider {
  name: string;
  authorize(db: Executor, req: AuthorizeRequest): Promise<AuthorizeResult>;
  capture(db: Executor, ref: string, amountMinor: number): Promise<void>;
  void(db: Executor, ref: string): Promise<void>;
  refund(db: Executor, ref: string, amountMinor: number): Promise<void>;
}

const providers: Record<string, PaymentProvider> = { [testProvider.name]: testProvider };

export function cardProvider(): PaymentProvider {
  return testProvider;
}

export function providerNamed(name: string): PaymentProvider {
  const p = providers[name];
  if (!p) throw new Error(`No payment provider "${name}"`);
  return p;
}
