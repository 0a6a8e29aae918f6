import { AppError } from './errors.ts';

/** Every permission in the system. Roles are sets of these; use-cases ask for exactly one. */
export const Permission = {
  MerchantRead: 'merchant.read',
  MerchantManage: 'merchant.manage',
  StaffManage: 'staff.manage',
  ApiKeyManage: 'apikey.manage',
  WebhookManage: 'webhook.manage',
  MailboxRead: 'mailbox.read',
  StoreRead: 'store.read',
  StoreManage: 'store.manage',
  CatalogRead: 'catalog.read',
  CatalogManage: 'catalog.manage',
  InventoryRead: 'inventory.read',
  InventoryMove: 'inventory.move',
  InventoryManage: 'inventory.manage',
  ImportRun: 'import.run',
  CartUse: 'cart.use',
  OrderPlace: 'order.place',
  OrderReadOwn: 'order.read_own',
  OrderRead: 'order.read',
  OrderFulfil: 'order.fulfil',
  OrderManage: 'order.manage',
  ReturnProcess: 'return.process',
  CampaignRead: 'campaign.read',
  CampaignManage: 'campaign.manage',
  CodeClaim: 'code.claim',
  CodeRedeem: 'code.redeem',
  AccountRegister: 'account.register',
  CustomerSelf: 'customer.self',
  CustomerRead: 'customer.read',
  CustomerManage: 'customer.manage',
  SaleReport: 'sale.report',
  LoyaltyRedeem: 'loyalty.redeem',
  TouchpointTrack: 'touchpoint.track',
  AnalyticsRead: 'analytics.read',
} as const;
export type Permission = (typeof Permission)[keyof typeof Permission];

export type StaffRole = 'owner' | 'admin' | 'manager' | 'associate';
export type ApiKeyRole = 'pos' | 'admin';

export type Actor =
  | { kind: 'staff'; merchantId: string; userId: string; role: StaffRole; storeIds: string[] | null }
  | { kind: 'apikey'; merchantId: string; keyId: string; role: ApiKeyRole; storeIds: string[] | null }
  | { kind: 'customer'; merchantId: string; customerId: string }
  | { kind: 'guest'; merchantId: string }
  | { kind: 'system'; merchantId: string };

const P = Permission;
const everything = Object.values(Permission) as Permission[];
const shopper: Permission[] = [P.AccountRegister, P.StoreRead, P.CatalogRead, P.InventoryRead, P.CartUse, P.OrderPlace, P.OrderReadOwn, P.CodeClaim, P.TouchpointTrack];
const storeFloor: Permission[] = [
  P.MerchantRead, P.StoreRead, P.CatalogRead, P.InventoryRead, P.InventoryMove, P.CartUse, P.OrderPlace, P.OrderRead,
  P.OrderFulfil, P.ReturnProcess, P.CampaignRead, P.CodeRedeem, P.CustomerRead, P.SaleReport, P.LoyaltyRedeem, P.TouchpointTrack,
];

const ROLE_PERMISSIONS: Record<string, ReadonlySet<Permission>> = {
  owner: new Set(everything),
  admin: new Set(everything),
  'apikey:admin': new Set(everything),
  manager: new Set([...storeFloor, P.InventoryManage, P.OrderManage, P.AnalyticsRead, P.CustomerManage]),
  associate: new Set(storeFloor),
  'apikey:pos': new Set(storeFloor),
  customer: new Set([...shopper, P.CustomerSelf]),
  guest: new Set(shopper),
  system: new Set(everything),
};

function roleKey(actor: Actor): string {
  switch (actor.kind) {
    case 'staff': return actor.role;
    case 'apikey': return `apikey:${actor.role}`;
    default: return actor.kind;
  }
}

export function can(actor: Actor, permission: Permission): boolean {
  return ROLE_PERMISSIONS[roleKey(actor)]?.has(permission) ?? false;
}

/** Store ids the actor is confined to, or null when it may act on every store of its merchant. */
export function storeScope(actor: Actor): string[] | null {
  return actor.kind === 'staff' || actor.kind === 'apikey' ? actor.storeIds : null;
}

export function isStaff(actor: Actor): boolean {
  return actor.kind === 'staff' || actor.kind === 'apikey' || actor.kind === 'system';
}

/**
 * The one access check, called first in every use-case. `merchantId` is the tenant of the resource
 * being touched; a mismatch answers not_found so that other tenants' ids leak nothing.
 */
export function requireAccess(
  actor: Actor,
  permission: Permission,
  target: { merchantId?: string; storeIds?: readonly (string | null | undefined)[] } = {},
): void {
  if (target.merchantId !== undefined && target.merchantId !== actor.merchantId) {
    throw new AppError('not_found', 'The resource was not found');
  }
  if (!can(actor, permission)) {
    throw new AppError(actor.kind === 'guest' ? 'unauthenticated' : 'forbidden', `This credential may not ${permission.replace('.', ' ')}`);
  }
  const scope = storeScope(actor);
  if (scope && target.storeIds) {
    for (const storeId of target.storeIds) {
      if (storeId && !scope.includes(storeId)) {
        throw new AppError('forbidden', 'This credential is limited to other stores');
      }
    }
  }
}

export const systemActor = (merchantId: string): Actor => ({ kind: 'system', merchantId });
