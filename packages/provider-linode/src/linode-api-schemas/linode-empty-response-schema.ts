import { z } from 'zod';

/** Actions and deletes answer `{}`; anything else the API adds is ignored. */
export const LinodeEmptyResponseSchema = z.unknown();
