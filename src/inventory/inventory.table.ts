import type { Generated } from 'kysely';

export type MovementType =
  | 'receive' | 'sale' | 'return' | 'adjustment' | 'transfer_out' | 'transfer_in'
  | 'in_transit' | 'reservation' | 'release' | 'damage';

export interface StockLevelTable {
  merchant_id: string;
  store_id: string;
  variant_id: string;
  on_hand: Generated<number>;
  reserved: Generated<number>;
  incoming: Generated<number>;
  safety_stock: Generated<number>;
  low_stock_threshold: number | null;
  updated_at: Generated<Date>;
}

export interface StockMovementTable {
  merchant_id: string;
  id: Generated<number>;
  store_id: string;
  variant_id: string;
  type: MovementType;
  on_hand_delta: Generated<number>;
  reserved_delta: Generated<number>;
  incoming_delta: Generated<number>;
  reason: string | null;
  ref_type: string | null;
  ref_id: string | null;
  actor: string | null;
  created_at: Generated<Date>;
}

export type TransferStatus = 'requested' | 'shipped' | 'received' | 'cancelled';

export interface StockTransferTable {
  merchant_id: string;
  id: string;
  number: string;
  from_store_id: string;
  to_store_id: string;
  status: Generated<TransferStatus>;
  note: Generated<string>;
  requested_by: string;
  created_at: Generated<Date>;
  shipped_at: Date | null;
  received_at: Date | null;
  cancelled_at: Date | null;
}

export interface StockTransferLineTable {
  merchant_id: string;
  transfer_id: string;
  variant_id: string;
  quantity: number;
  received_quantity: number | null;
}

export interface InventoryTables {
  stock_levels: StockLevelTable;
  stock_movements: StockMovementTable;
  stock_transfers: StockTransferTable;
  stock_transfer_lines: StockTransferLineTable;
}
