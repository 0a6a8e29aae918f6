import { api, shopPath } from './shop.ts';

export interface Money { amount: number; currency: string }
export interface Variant {
  id: string; sku: string; barcode: string | null; options: Record<string, string>;
  price: Money | null; pickupPrice: Money | null; compareAt: Money | null;
  stock: { available: number; storesInStock: number };
}
export interface ProductSummary {
  id: string; handle: string; name: string; image: { url: string; alt?: string } | null; categoryId: string | null;
  priceFrom: Money | null; inStock: boolean; variants: Variant[];
}
export interface ProductStore {
  id: string; code: string; name: string; distanceKm: number | null; openNow: boolean; opensAt: string | null; pickupReadyAt: string | null; timezone: string;
  stock: Record<string, number>;
}
export interface Product {
  id: string; handle: string; name: string; description: string; locale: string; images: { url: string; alt?: string }[];
  category: { id: string; slug: string; name: string } | null; variants: Variant[]; stores: ProductStore[];
}
export interface Category { id: string; slug: string; parentId: string | null; name?: string }

export function searchProducts(query: { q?: string; category?: string; locale: string; limit?: number; offset?: number }, signal?: AbortSignal) {
  return api.request<{ items: ProductSummary[]; total?: number }>('GET', shopPath('/products'), { query, signal });
}
export function getProduct(handle: string, query: { locale: string; lat?: number; lng?: number; radiusKm?: number }, signal?: AbortSignal) {
  return api.request<Product>('GET', shopPath(`/products/${encodeURIComponent(handle)}`), { query, signal });
}
export function listCategories(locale: string, signal?: AbortSignal) {
  return api.request<{ items: Category[] }>('GET', shopPath('/categories'), { query: { locale }, signal }).then((r) => r.items);
}
